import { describe, expect, it } from 'vitest';
import type { EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { fftResample } from '../../src/shared/dsp/fft-resample.ts';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import { LUDB_DATA, readShared } from './ludb-support.ts';

const ludb1 = readShared(`${LUDB_DATA}/1.hea`);

function mapLeads(set: EcgWaveformSet, f: (samples: Float32Array, name: string) => Float32Array, sampleRateHz = set.sampleRateHz): EcgWaveformSet {
  return { sampleRateHz, leads: set.leads.map((l) => ({ ...l, samplesUv: f(l.samplesUv, l.name) })) };
}

describe('measurements on bad input: absent with a reason, never made up', () => {
  it('a record shorter than two beats: the one beat is reported, rate and intervals are absent', () => {
    // LUDB 1: the first QRS is at about 1.33 s and the next at 2.68 s.
    const short = mapLeads(ludb1.rhythm, (x) => x.slice(0, 1000));
    const m = measureRecord(short, ludb1.patient);
    expect(m.beats).toHaveLength(1);
    expect(m.heartRateBpm).toBeUndefined();
    expect(m.qtMs).toBeUndefined();
    expect(m.qtcMs).toEqual({});
    expect(m.absent.heartRateBpm).toBe('only one beat detected; at least two are needed');
    expect(m.absent['qtcMs.bazett']).toBe('only one beat detected; at least two are needed');
    expect(m.statements).toEqual([]);
  });

  it('a flat line: every lead flagged flat, nothing measured', () => {
    const flat = mapLeads(ludb1.rhythm, (x) => new Float32Array(x.length).fill(120));
    const m = measureRecord(flat, {});
    expect(m.quality).toHaveLength(12);
    expect(m.quality.every((q) => q.problem === 'flat')).toBe(true);
    expect(m.beats).toEqual([]);
    expect(m.heartRateBpm).toBeUndefined();
    expect(m.absent.qrsMs).toBe('no lead of usable quality');
    expect(m.absent['leads.V1']).toMatch(/^lead withheld: flat/);
  });

  it('a saturated lead is withheld; the others are still measured', () => {
    // Clip lead II at ±250 µV, as an amplifier at its rail would (LUDB 1 lead II spans −0.136 to +0.864 mV).
    const clipped = mapLeads(ludb1.rhythm, (x, name) => (name === 'II' ? x.map((v) => Math.max(-250, Math.min(250, v))) : x));
    const m = measureRecord(clipped, ludb1.patient);
    expect(m.quality.map((q) => [q.lead, q.problem])).toEqual([['II', 'saturated']]);
    expect(m.leads.II).toEqual({ quality: 'saturated' });
    expect(m.absent['leads.II']).toMatch(/^lead withheld: saturated/);
    expect(m.heartRateBpm).toBe(45);
    expect(m.qrsMs).toBeGreaterThan(60);
    expect(m.leads.V2.quality).toBe('good');
  });

  it('one lead of loud noise is flagged noisy and does not disturb detection', () => {
    // Deterministic ±300 µV alternating noise (a 250 Hz square wave at 500 Hz) on V4.
    const noisy = mapLeads(ludb1.rhythm, (x, name) => (name === 'V4' ? x.map((v, i) => v + (i % 2 ? 300 : -300)) : x));
    const m = measureRecord(noisy, ludb1.patient);
    expect(m.quality.map((q) => [q.lead, q.problem])).toEqual([['V4', 'noisy']]);
    expect(m.beats).toHaveLength(7);
  });

  it('100 Hz and 2 kHz versions of the same record give the same rate and intervals within a sample or two', () => {
    const reference = measureRecord(ludb1.rhythm, ludb1.patient);
    for (const rate of [100, 2000]) {
      const resampled = mapLeads(ludb1.rhythm, (x) => Float32Array.from(fftResample(x, (x.length * rate) / 500)), rate);
      const m = measureRecord(resampled, ludb1.patient);
      expect(m.sampleRateHz).toBe(rate);
      expect(m.beats).toHaveLength(reference.beats.length);
      expect(m.heartRateBpm).toBe(reference.heartRateBpm);
      expect(Math.abs((m.qrsMs ?? 0) - (reference.qrsMs ?? 0))).toBeLessThanOrEqual(10);
      expect(Math.abs((m.prMs ?? 0) - (reference.prMs ?? 0))).toBeLessThanOrEqual(10);
      expect(Math.abs((m.qtMs ?? 0) - (reference.qtMs ?? 0))).toBeLessThanOrEqual(10);
    }
  });

  it('a real 100 Hz PTB-XL record is measured like its 500 Hz twin', () => {
    const low = readShared('refdata/ptbxl/records100/00000/00001_lr.hea');
    const high = readShared('refdata/ptbxl/records500/00000/00001_hr.hea');
    const a = measureRecord(low.rhythm, low.patient);
    const b = measureRecord(high.rhythm, high.patient);
    expect(a.sampleRateHz).toBe(100);
    expect(a.beats).toHaveLength(b.beats.length);
    expect(a.heartRateBpm).toBe(b.heartRateBpm);
    expect(Math.abs((a.qrsMs ?? 0) - (b.qrsMs ?? 0))).toBeLessThanOrEqual(20);
  });

  it('a sampling rate outside 100 Hz–2 kHz is refused with the reason', () => {
    const slow = mapLeads(ludb1.rhythm, (x) => Float32Array.from(fftResample(x, x.length / 10)), 50);
    const m = measureRecord(slow, {});
    expect(m.beats).toEqual([]);
    expect(m.absent.heartRateBpm).toBe('sampling rate 50 Hz is outside the 100–2000 Hz we measure');
  });
});

describe('suspected limb-lead reversal', () => {
  it('swapping the arm electrodes of LUDB 1 (I → −I, II ↔ III, aVR ↔ aVL) is flagged; the true record is not', () => {
    const swap: Record<string, string> = { II: 'III', III: 'II', aVR: 'aVL', aVL: 'aVR' };
    const byName = new Map(ludb1.rhythm.leads.map((l) => [l.name, l.samplesUv]));
    const reversed = mapLeads(ludb1.rhythm, (x, name) => (name === 'I' ? x.map((v) => -v) : (byName.get(swap[name]) ?? x)));
    expect(measureRecord(ludb1.rhythm, ludb1.patient).quality).toEqual([]);
    const m = measureRecord(reversed, ludb1.patient);
    expect(m.quality.map((q) => [q.lead, q.problem])).toEqual([['I', 'suspected limb-lead reversal']]);
  });
});
