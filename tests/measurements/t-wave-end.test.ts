import { describe, expect, it } from 'vitest';
import { delineateTWave, type TWaveSearch } from '../../src/shared/measurements/t-wave.ts';
import { tpLevels } from '../../src/shared/measurements/tp-segment.ts';

const FS = 500;
const LENGTH = 600;
/** QRS onset and offset of the synthetic beats, samples. */
const QRS_ONSET = 200;
const QRS_OFFSET = 250;
const SEARCH: TWaveSearch = { qrsOffset: QRS_OFFSET, from: QRS_OFFSET + 40, to: 560 };

interface Wave {
  centreS: number;
  widthS: number;
  heightUv: number;
}

/** A beat of Gaussian waves (times in s) on a flat baseline at `tpUv`, with a PR segment at 0. */
function beat(waves: readonly Wave[], tpUv = 0): Float64Array {
  const x = new Float64Array(LENGTH);
  for (let k = 0; k < LENGTH; k++) {
    const t = k / FS;
    // The T–P level until the P wave, then the PR level (0) up to the next beat.
    let v = k < 120 ? tpUv : 0;
    for (const w of waves) v += w.heightUv * Math.exp(-0.5 * ((t - w.centreS) / w.widthS) ** 2);
    x[k] = v;
  }
  return x;
}

const QRS: Wave = { centreS: 0.45, widthS: 0.012, heightUv: 1500 };
const P: Wave = { centreS: 0.3, widthS: 0.02, heightUv: 100 };
const ms = (samples: number) => (samples * 1000) / FS;

function tEnd(leads: Float64Array[], withTp = true): number {
  const levels = leads.map(() => 0);
  const tp = withTp ? leads.map((l) => l[20]) : undefined;
  const t = delineateTWave(leads, levels, SEARCH, FS, tp);
  if ('absent' in t) throw new Error(t.absent);
  return t.tOffset;
}

describe('T-wave end with a second lobe', () => {
  // Negative T lobe at 0.78 s, swinging on through the baseline into a short positive lobe at 0.9 s.
  const biphasic = [QRS, P, { centreS: 0.78, widthS: 0.045, heightUv: -400 }, { centreS: 0.9, widthS: 0.025, heightUv: 120 }];
  const secondLobeGoneS = 0.9 + 2 * 0.025;

  it('ends a biphasic T after its second lobe when every lead shows it', () => {
    const leads = [beat(biphasic), beat(biphasic.map((w) => ({ ...w, heightUv: 0.7 * w.heightUv })))];
    expect(ms(tEnd(leads))).toBeGreaterThan(1000 * secondLobeGoneS - 25);
    expect(ms(tEnd(leads))).toBeLessThan(1000 * secondLobeGoneS + 40);
    // Without the T–P level the area curve ends it partway up the second lobe.
    expect(ms(tEnd(leads, false))).toBeLessThan(900);
  });

  it('keeps the first lobe\u2019s end when only some of the clear leads show a second lobe', () => {
    const monophasic = [QRS, P, { centreS: 0.78, widthS: 0.045, heightUv: -400 }];
    const leads = [beat(biphasic), beat(monophasic), beat(monophasic)];
    expect(ms(tEnd(leads))).toBeLessThan(900);
  });

  // A monophasic negative T as long as the biphasic T with its second lobe (ending near 0.95 s).
  const longMonophasic = [QRS, P, { centreS: 0.84, widthS: 0.05, heightUv: -400 }];

  it('with two leads, ends T after one lead\u2019s second lobe when the other lead\u2019s T lasts as long', () => {
    const leads = [beat(biphasic), beat(longMonophasic)];
    expect(ms(tEnd(leads))).toBeGreaterThan(1000 * secondLobeGoneS - 25);
    expect(ms(tEnd(leads))).toBeLessThan(1000 * secondLobeGoneS + 40);
  });

  it('with two leads, keeps the first lobe\u2019s end when the other lead\u2019s T ends with it', () => {
    const shortMonophasic = [QRS, P, { centreS: 0.78, widthS: 0.04, heightUv: -400 }];
    expect(ms(tEnd([beat(biphasic), beat(shortMonophasic)]))).toBeLessThan(900);
  });

  it('with more leads, counts only the leads that show the second lobe', () => {
    // Half the leads show it: a median over four leads needs no help from the others.
    const leads = [beat(biphasic), beat(biphasic), beat(longMonophasic), beat(longMonophasic)];
    expect(tEnd(leads)).toBe(tEnd(leads, false));
  });

  it('ends T before a separate U wave that follows a return to the baseline', () => {
    // Negative T, back on the baseline by 0.9 s, then a broad positive U wave at 1.0 s.
    const tu = [QRS, P, { centreS: 0.78, widthS: 0.035, heightUv: -400 }, { centreS: 1.0, widthS: 0.04, heightUv: 100 }];
    const leads = [beat(tu), beat(tu.map((w) => ({ ...w, heightUv: 0.7 * w.heightUv })))];
    expect(ms(tEnd(leads))).toBeLessThan(920);
  });
});

describe('T–P level', () => {
  it('is the level of the flat stretch before the P wave, not the PR level', () => {
    const x = beat([QRS, P], 60);
    const velocity = new Float64Array(LENGTH);
    for (let k = 1; k < LENGTH; k++) velocity[k] = Math.abs(x[k] - x[k - 1]);
    const [level] = tpLevels([x], velocity, QRS_ONSET, FS) ?? [];
    expect(level).toBeCloseTo(60, 0);
  });

  it('is undefined when the beat holds no room before the P wave', () => {
    expect(tpLevels([new Float64Array(100)], new Float64Array(100), 60, FS)).toBeUndefined();
  });
});
