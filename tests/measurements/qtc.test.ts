import { describe, expect, it } from 'vitest';
import { correctQt } from '../../src/shared/measurements/qtc.ts';
import { stElevationPairs, stElevationThreshold } from '../../src/shared/measurements/st-elevation.ts';

describe('QTc formulas', () => {
  it('QT 400 ms at RR 800 ms (75 bpm), computed by hand', () => {
    const qtc = correctQt(400, 800);
    expect(qtc.bazett).toBeCloseTo(447.214, 2); // 400 / sqrt(0.8)
    expect(qtc.fridericia).toBeCloseTo(430.887, 2); // 400 / 0.8^(1/3)
    expect(qtc.framingham).toBeCloseTo(430.8, 6); // 400 + 154 × (1 − 0.8)
    expect(qtc.hodges).toBeCloseTo(426.25, 6); // 400 + 1.75 × (75 − 60)
  });

  it('all four formulas leave QT unchanged at 60 bpm', () => {
    expect(correctQt(380, 1000)).toEqual({ bazett: 380, fridericia: 380, framingham: 380, hodges: 380 });
  });
});

describe('ST elevation cut-points (fourth universal definition of MI)', () => {
  it('V2–V3 depend on sex and age; other leads are 100 µV', () => {
    expect(stElevationThreshold('V2', 'M', 45).thresholdUv).toBe(200);
    expect(stElevationThreshold('V3', 'M', 35).thresholdUv).toBe(250);
    expect(stElevationThreshold('V2', 'F', 30).thresholdUv).toBe(150);
    expect(stElevationThreshold('V2', undefined, undefined).thresholdUv).toBe(250);
    expect(stElevationThreshold('II', 'F', 70).thresholdUv).toBe(100);
  });

  it('needs two contiguous leads over their cut-points', () => {
    const st = new Map([['II', 120], ['aVF', 110], ['III', 90], ['V2', 180], ['V3', 190]]);
    expect(stElevationPairs(st, 'M', 50).map((f) => f.leads)).toEqual([['II', 'aVF']]);
    expect(stElevationPairs(st, 'F', 50).map((f) => f.leads)).toEqual([['II', 'aVF'], ['V2', 'V3']]);
    expect(stElevationPairs(new Map([['II', 150], ['V1', 150]]), 'M', 50)).toEqual([]);
  });
});
