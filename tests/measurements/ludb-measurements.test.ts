import { describe, expect, it } from 'vitest';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import type { BeatMeasurement } from '../../src/shared/measurements/types.ts';
import type { ReferenceBeat } from '../../bench/measurements-reference.ts';
import { ludbRecord } from './ludb-support.ts';

const FS = 500;

function matchBeat(beats: readonly BeatMeasurement[], ref: ReferenceBeat): BeatMeasurement | undefined {
  return beats.find((b) => Math.abs(b.rPeakS * FS - ref.qrsPeak) <= 0.15 * FS);
}

/** Mean error (ms) of an interval over the beats where both we and the experts have it. */
function meanIntervalErrorMs(
  beats: readonly BeatMeasurement[],
  reference: readonly ReferenceBeat[],
  ours: (b: BeatMeasurement) => [number | undefined, number | undefined],
  theirs: (r: ReferenceBeat) => [number | undefined, number | undefined]
): number {
  const errors: number[] = [];
  for (const ref of reference) {
    const beat = matchBeat(beats, ref);
    if (!beat) continue;
    const [a, b] = ours(beat);
    const [c, d] = theirs(ref);
    if (a === undefined || b === undefined || c === undefined || d === undefined) continue;
    errors.push((b - a) * 1000 - ((d - c) * 1000) / FS);
  }
  expect(errors.length).toBeGreaterThan(3);
  return errors.reduce((x, y) => x + y, 0) / errors.length;
}

describe('measurements on LUDB against the cardiologists\u2019 annotations', () => {
  it.each([1, 2, 3, 4, 5, 6])('record %i: every annotated QRS is found, nothing extra, PR/QRS/QT close to the experts', (id) => {
    const { record, reference } = ludbRecord(id);
    const m = measureRecord(record.rhythm, record.patient);
    const annotatedFrom = reference[0].qrsPeak / FS - 0.15;
    const annotatedTo = reference[reference.length - 1].qrsPeak / FS + 0.15;
    const scored = m.beats.filter((b) => b.rPeakS >= annotatedFrom && b.rPeakS <= annotatedTo);
    expect(reference.every((ref) => matchBeat(m.beats, ref))).toBe(true);
    expect(scored).toHaveLength(reference.length);
    expect(Math.abs(meanIntervalErrorMs(m.beats, reference, (b) => [b.pOnsetS, b.qrsOnsetS], (r) => [r.pOnset, r.qrsOnset]))).toBeLessThan(15);
    expect(Math.abs(meanIntervalErrorMs(m.beats, reference, (b) => [b.qrsOnsetS, b.qrsOffsetS], (r) => [r.qrsOnset, r.qrsOffset]))).toBeLessThan(15);
    expect(Math.abs(meanIntervalErrorMs(m.beats, reference, (b) => [b.qrsOnsetS, b.tOffsetS], (r) => [r.qrsOnset, r.tOffset]))).toBeLessThan(35);
  });

  it('record 1 (sinus bradycardia, 7 beats): rate, regular rhythm and the statement', () => {
    const { record } = ludbRecord(1);
    const m = measureRecord(record.rhythm, record.patient);
    expect(m.provenance).toBe('computed');
    expect(m.beats).toHaveLength(7);
    // The experts' QRS peaks in lead II (samples 662…3969, 6 beats) are 1.323 s apart on average: 45.4 bpm.
    expect(m.heartRateBpm).toBe(45);
    expect(m.rr.regularity).toBe('regular');
    expect(m.statements.map((s) => s.text)).toContain('Sinus bradycardia');
    expect(m.statements.find((s) => s.text === 'Sinus bradycardia')?.rule).toMatch(/45 bpm < 60/);
  });

  it('record 8 (atrial fibrillation): irregular rhythm, no P wave, PR absent with its reason', () => {
    const { record } = ludbRecord(8);
    const m = measureRecord(record.rhythm, record.patient);
    expect(m.rr.regularity).toBe('irregular');
    expect(m.prMs).toBeUndefined();
    expect(m.absent.prMs).toMatch(/P wave/);
    expect(m.statements.map((s) => s.text)).toContain('Irregular rhythm, suggestive of atrial fibrillation');
    expect(m.statements.map((s) => s.text)).not.toContain('Sinus rhythm');
  });
});
