import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fftResample } from '../../src/shared/dsp/fft-resample.ts';
import { fft } from '../../src/shared/dsp/fft.ts';

interface ResampleCase {
  input: number[];
  outputLength: number;
  expected: number[];
}
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/scipy-resample.json', import.meta.url), 'utf8')
) as { cases: ResampleCase[] };

describe('Fourier resampling', () => {
  it.each(reference.cases.map((c) => [c.input.length, c.outputLength, c] as const))(
    'matches scipy.signal.resample from %i to %i samples',
    (_n, _m, c) => {
      const out = fftResample(c.input, c.outputLength);
      expect(out.length).toBe(c.outputLength);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(c.expected[i], 10);
    }
  );

  it('computes a DFT of a non-power-of-two length exactly (Bluestein)', () => {
    const n = 7;
    const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 2 * i) / n));
    const im = new Float64Array(n);
    fft(re, im);
    expect(re[2]).toBeCloseTo(n / 2, 10);
    expect(re[5]).toBeCloseTo(n / 2, 10);
    expect(Math.abs(re[1]) + Math.abs(im[1])).toBeLessThan(1e-9);
  });
});
