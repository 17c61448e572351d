import { describe, expect, it } from 'vitest';
import type { EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { delineateBeats } from '../../src/shared/measurements/beat-delineation.ts';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import type { BeatMeasurement } from '../../src/shared/measurements/types.ts';

const FS = 500;
const LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
/** Per lead: P, Q, R, S and T amplitudes (µV), so the leads differ as real ones do. */
const AMPLITUDES: Record<string, number[]> = {
  I: [80, -60, 700, -150, 200],
  II: [120, -80, 1000, -200, 300],
  V1: [60, 0, 300, -900, -100],
  V2: [70, 0, 500, -1000, 400],
  V3: [70, -50, 800, -600, 450],
  V4: [80, -80, 1200, -300, 400],
  V5: [80, -90, 1100, -200, 300],
  V6: [70, -80, 900, -150, 250],
};

interface Beat {
  /** R peak, seconds. */
  r: number;
  /** How far this beat's T wave (or P wave) lies from where it lies at RR 0.9 s, seconds. */
  tShift: number;
  pShift: number;
}

const gaussian = (t: number, centre: number, width: number) => Math.exp(-0.5 * ((t - centre) / width) ** 2);

/** Deterministic noise in [−1, 1). */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 1073741824 - 1;
  };
}

function synthesise(beats: readonly Beat[], seconds: number, noiseUv = 5): EcgWaveformSet {
  const n = Math.round(seconds * FS);
  const random = noise(7);
  return {
    sampleRateHz: FS,
    leads: LEADS.map((name) => {
      const [p, q, r, s, t] = AMPLITUDES[name];
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const time = i / FS;
        let v = noiseUv * random();
        for (const b of beats) {
          if (Math.abs(time - b.r) > 0.8) continue;
          v += p * gaussian(time, b.r - 0.17 + b.pShift, 0.018);
          v += q * gaussian(time, b.r - 0.022, 0.007) + r * gaussian(time, b.r, 0.009) + s * gaussian(time, b.r + 0.024, 0.008);
          v += t * gaussian(time, b.r + 0.28 + b.tShift, 0.045);
        }
        samples[i] = v;
      }
      return { name, derived: false, samplesUv: samples };
    }),
  };
}

/** RR swinging between 0.72 and 1.08 s, QT following it (0.15 s per second of RR) and PR varying on its own. */
function varyingRecord(): { set: EcgWaveformSet; beats: Beat[] } {
  const beats: Beat[] = [];
  let r = 0.8;
  for (let i = 0; r < 9.4; i++) {
    const rr = 0.9 + 0.18 * Math.sin((2 * Math.PI * i) / 5);
    beats.push({ r, tShift: 0.15 * (rr - 0.9), pShift: 0.02 * Math.cos((2 * Math.PI * i) / 3) });
    r += rr;
  }
  // Each beat's T follows the RR that precedes it, as a QT follows the cycle before it.
  for (let i = beats.length - 1; i > 0; i--) beats[i].tShift = 0.15 * (beats[i].r - beats[i - 1].r - 0.9);
  beats[0].tShift = 0;
  return { set: synthesise(beats, 10), beats };
}

function matched(measured: readonly BeatMeasurement[], truth: readonly Beat[]): { m: BeatMeasurement; truth: Beat }[] {
  return truth.flatMap((b) => {
    const m = measured.find((x) => Math.abs(x.rPeakS - b.r) < 0.02);
    return m ? [{ m, truth: b }] : [];
  });
}

const sd = (x: readonly number[]) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
};

describe('per-beat delineation', () => {
  const { set, beats } = varyingRecord();
  const m = measureRecord(set);
  const pairs = matched(m.beats, beats).filter((p) => p.m.tOffsetS !== undefined && p.m.qrsOnsetS !== undefined);

  it('each beat\u2019s QT follows its own RR, not the median beat\u2019s', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(8);
    const qt = pairs.map((p) => (p.m.tOffsetS as number) - (p.m.qrsOnsetS as number));
    // The true QTs spread by ±27 ms; the median beat's QT placed at every beat would not spread at all.
    expect(sd(qt) * 1000).toBeGreaterThan(10);
    // What is left once each beat's true T shift is taken off: the same QT for every beat, within a sample or so.
    const residual = pairs.map((p, i) => qt[i] - p.truth.tShift);
    expect(sd(residual) * 1000).toBeLessThan(2);
  });

  it('each beat\u2019s P onset follows its own PR', () => {
    const withP = matched(m.beats, beats).filter((p) => p.m.pOnsetS !== undefined && p.m.qrsOnsetS !== undefined);
    expect(withP.length).toBeGreaterThanOrEqual(8);
    const pr = withP.map((p) => (p.m.qrsOnsetS as number) - (p.m.pOnsetS as number));
    expect(sd(pr) * 1000).toBeGreaterThan(8);
    const residual = withP.map((p, i) => pr[i] + p.truth.pShift);
    expect(sd(residual) * 1000).toBeLessThan(3);
  });

  it('a T wave that would reach past the next beat\u2019s QRS onset is left out, not moved into it', () => {
    // The fourth beat comes 0.36 s after the third, whose median-derived T end (R + 0.39 s) lies past its QRS onset.
    const rs = [0.6, 1.5, 2.4, 3.3, 3.66, 4.56, 5.46, 6.36, 7.26, 8.16];
    const beats: Beat[] = rs.map((r) => ({ r, tShift: 0, pShift: 0 }));
    const leads = synthesise(beats, 10).leads.map((l) => Float64Array.from(l.samplesUv));
    const rIndex = 200;
    const result = delineateBeats({
      leads,
      beatIndices: rs.map((r) => Math.round(r * FS)),
      delineate: rs.map(() => true),
      templateIndices: rs.map((r) => Math.round(r * FS)),
      fiducials: { qrsOnset: rIndex - 20, qrsOffset: rIndex + 25, tPeak: rIndex + 140, tOffset: rIndex + 195 },
      rIndex,
      sampleRateHz: FS,
    });
    expect(result[3]?.tOffset).toBeUndefined();
    expect(result[3]?.tPeak?.sample).toBeLessThan(result[4]?.qrsOnset?.sample ?? 0);
    expect(result[2]?.tOffset).toBeDefined();
    for (let i = 0; i + 1 < result.length; i++) {
      const tOffset = result[i]?.tOffset?.sample;
      if (tOffset !== undefined) expect(tOffset).toBeLessThan(result[i + 1]?.qrsOnset?.sample ?? Infinity);
    }
  });

  it('a beat whose T window does not match the template keeps the median-derived T end, marked unrefined', () => {
    // Eight beats 0.9 s apart; one beat's T-wave region is overwritten by a large unrelated oscillation.
    const regular: Beat[] = Array.from({ length: 10 }, (_, i) => ({ r: 0.6 + 0.9 * i, tShift: 0, pShift: 0 }));
    const leads = synthesise(regular, 10).leads.map((l) => Float64Array.from(l.samplesUv));
    const spoiled = 4;
    const from = Math.round((regular[spoiled].r + 0.15) * FS);
    leads.forEach((lead, l) => {
      for (let k = from; k < from + 0.3 * FS; k++) lead[k] += 400 * Math.sin((2 * Math.PI * 9 * (k + 37 * l)) / FS);
    });
    const rIndex = 200;
    const tOffset = rIndex + Math.round(0.39 * FS);
    const result = delineateBeats({
      leads,
      beatIndices: regular.map((b) => Math.round(b.r * FS)),
      delineate: regular.map(() => true),
      templateIndices: regular.map((b) => Math.round(b.r * FS)),
      fiducials: { qrsOnset: rIndex - 20, qrsOffset: rIndex + 25, tPeak: rIndex + 140, tOffset },
      rIndex,
      sampleRateHz: FS,
    });
    const beat = result[spoiled];
    expect(beat?.tOffset).toEqual({ sample: Math.round(regular[spoiled].r * FS) + tOffset - rIndex, refined: false });
    // The clean beats match the template where the median beat puts them.
    for (const i of [2, 3, 5, 6]) {
      expect(result[i]?.tOffset?.refined).toBe(true);
      expect(Math.abs((result[i]?.tOffset?.sample ?? 0) - (Math.round(regular[i].r * FS) + tOffset - rIndex))).toBeLessThan(1);
    }
  });
});
