import { describe, expect, it } from 'vitest';
import { median, quantile, signalQuantiles, zeroPhaseFilter, zeroPhaseFilterLeads } from '../../src/shared/measurements/filters.ts';

/** A deterministic pseudo-random sequence, so a failure can be reproduced. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function noisyLead(length: number, seed: number): Float32Array {
  const random = sequence(seed);
  return Float32Array.from({ length }, (_, i) => 500 * Math.sin(i / 40) + 200 * (random() - 0.5) + (i % 500 === 0 ? 900 : 0));
}

describe('zeroPhaseFilterLeads', () => {
  it('gives every lead exactly what zeroPhaseFilter gives it alone, for odd lead counts and unequal lengths too', () => {
    const leads = [noisyLead(5000, 1), noisyLead(5000, 2), noisyLead(5000, 3), noisyLead(4000, 4), noisyLead(4000, 5), noisyLead(1, 6)];
    for (const bands of [{ lowPassHz: 40 }, { highPassHz: 1, lowPassHz: 40 }, { highPassHz: 5, lowPassHz: 20 }]) {
      const together = zeroPhaseFilterLeads(leads, 500, bands);
      expect(together).toHaveLength(leads.length);
      leads.forEach((lead, l) => expect(Array.from(together[l])).toEqual(Array.from(zeroPhaseFilter(lead, 500, bands))));
    }
  });
});

describe('quantiles', () => {
  it('are the nearest-rank order statistics, near the ends (selected with a heap) as in the middle', () => {
    const random = sequence(7);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(random() * 400);
      // Many repeated values, as quantised samples and their steps have.
      const values = Array.from({ length: count }, () => (random() < 0.4 ? Math.round(random() * 4) : 100 * random() - 50));
      const sorted = [...values].sort((a, b) => a - b);
      const rank = (q: number) => sorted[Math.min(count - 1, Math.max(0, Math.round(q * (count - 1))))];
      for (const q of [0, 0.005, 0.01, 0.03, 0.25, 0.5, 0.75, 0.97, 0.99, 0.995, 1]) expect(quantile(values, q)).toBe(rank(q));
      expect(signalQuantiles(values, [0.01, 0.99, 0.5])).toEqual([rank(0.01), rank(0.99), rank(0.5)]);
      expect(median(values)).toBe(rank(0.5));
    }
  });
});
