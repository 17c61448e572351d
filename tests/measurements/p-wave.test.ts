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
