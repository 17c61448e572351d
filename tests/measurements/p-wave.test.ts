import { describe, expect, it } from 'vitest';
import { delineatePWave } from '../../src/shared/measurements/p-wave.ts';

const FS_HZ = 500;
const SEARCH = { from: 0, to: 200 };

/** A flat lead with raised-cosine lobes, each `{ at, durationS, amplitudeUv }`: a P wave of one or more phases. */
function leadWithLobes(lobes: { at: number; durationS: number; amplitudeUv: number }[]): Float64Array {
  const lead = new Float64Array(SEARCH.to + 20);
  for (const { at, durationS, amplitudeUv } of lobes) {
    const width = Math.round(durationS * FS_HZ);
    for (let i = 0; i <= width; i++) lead[at + i] += (amplitudeUv * (1 - Math.cos((2 * Math.PI * i) / width))) / 2;
  }
  return lead;
}

function onsetMs(leads: Float64Array[]): number {
  const p = delineatePWave(leads, leads.map(() => 0), SEARCH, FS_HZ);
  if ('absent' in p) throw new Error(p.absent);
  return (p.pOnset * 1000) / FS_HZ;
}

describe('P-wave onset across leads', () => {
  it('two leads whose P waves start 40 ms apart: the onset is the earlier lead’s, not halfway between', () => {
    const early = leadWithLobes([{ at: 60, durationS: 0.1, amplitudeUv: 150 }]);
    const late = leadWithLobes([{ at: 80, durationS: 0.1, amplitudeUv: 150 }]);
    const earlyAlone = onsetMs([early, early]);
    const lateAlone = onsetMs([late, late]);
    expect(lateAlone - earlyAlone).toBeCloseTo(40, 0);
    expect(Math.abs(onsetMs([early, late]) - earlyAlone)).toBeLessThanOrEqual(6);
  });

  it('a biphasic P whose lobes are equal begins at its first lobe, where the spatial P rises', () => {
    const biphasic = [
      { at: 60, durationS: 0.05, amplitudeUv: 100 },
      { at: 85, durationS: 0.06, amplitudeUv: -100 },
    ];
    const firstLobeStartMs = (60 * 1000) / FS_HZ;
    expect(Math.abs(onsetMs([leadWithLobes(biphasic), leadWithLobes(biphasic)]) - firstLobeStartMs)).toBeLessThanOrEqual(6);
  });
});

describe('P wave rising out of the previous T wave (fast rate, no flat TP segment)', () => {
  it('an onset cut at the levelling point inside the P is searched back to where the P starts', () => {
    const fsHz = 250;
    const pStart = 30;
    const pWidth = Math.round(0.12 * fsHz);
    const tEnd = 50;
    const tAmplitudeUv = 500;
    const lobe = (amplitudeUv: number, i: number) => (i < 0 || i > pWidth ? 0 : (amplitudeUv * (1 - Math.cos((2 * Math.PI * i) / pWidth))) / 2);
    const p = new Float64Array(130);
    const tThenP = new Float64Array(130);
    for (let k = 0; k < p.length; k++) {
      p[k] = lobe(150, k - pStart);
      // The previous T's tail is still falling when the P begins; its trough meets the P's peak.
      tThenP[k] = (k < tEnd ? (tAmplitudeUv * (1 + Math.cos((Math.PI * k) / tEnd))) / 2 : 0) + lobe(60, k - pStart);
    }
    const result = delineatePWave([p, tThenP], [0, 0], { from: 20, to: 100 }, fsHz);
    if ('absent' in result) throw new Error(result.absent);
    expect(Math.abs(result.pOnset - pStart)).toBeLessThanOrEqual(5);
  });
});
