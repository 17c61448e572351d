import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWfdbAnnotations } from '../../src/main/core/formats/wfdb/annotations.ts';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import { detectPacingSpikes } from '../../src/shared/measurements/pacing-spikes.ts';
import { referenceBeatsFromLeads } from '../../bench/measurements-reference.ts';
import { sharedPath } from '../support/shared-data.ts';
import { beatErrorsMs, ludbRecord, meanAndSd, readShared } from './ludb-support.ts';

function recordedLeads(id: number): Float32Array[] {
  return ludbRecord(id).record.rhythm.leads.filter((l) => !l.derived).map((l) => l.samplesUv);
}

describe('pacing spikes on LUDB', () => {
  it('record 74 (unipolar ventricular pacing): one spike before each of its 10 beats, at the samples seen in the raw file', () => {
    // Lead I steps from −44 to −790 µV at sample 1606 and back to −91 at 1607 (read from 74.dat).
    expect(detectPacingSpikes(recordedLeads(74), 500)).toEqual([105, 606, 1106, 1606, 2106, 2607, 3107, 3607, 4107, 4608]);
  });

  it('amplifier resets at the R peak (records 99 and 43, not paced) are not spikes', () => {
    // Both jump ~700 µV in 10–11 leads at once, but straight out of the QRS, not out of a quiet baseline.
    expect(detectPacingSpikes(recordedLeads(99), 500)).toEqual([]);
    expect(detectPacingSpikes(recordedLeads(43), 500)).toEqual([]);
  });

  it('record 34: "Paced rhythm" with its rule and spike times; QRS onset after the stimulus, where the experts put it', () => {
    const { record, reference } = ludbRecord(34);
    const m = measureRecord(record.rhythm, record.patient);
    expect(m.pacing?.spikeTimesS.slice(0, 3)).toEqual([0.44, 1.44, 2.442]);
    const paced = m.statements.find((s) => s.text === 'Paced rhythm');
    expect(paced?.rule).toMatch(/lead \d+ of \d+ QRS complexes; spikes at 0\.440, 1\.440, 2\.442/);
    expect(m.statements.map((s) => s.text)).not.toContain('Left bundle branch block');
    // Before, the QRS was not measured at all (the spike's slope never returned to baseline).
    const onset = meanAndSd(beatErrorsMs(m.beats, reference).qrsOnset);
    expect(Math.abs(onset.mean)).toBeLessThan(8);
    expect(onset.sd).toBeLessThan(8);
  });

  it.each([
    // [record, mean QRS-onset and QRS-duration errors before (ms)]; now 45: −10 and +18, 104: −3 and +7.
    [45, -40, 48],
    [104, -34, 38],
  ])('record %i: QRS onset within 12 ms and QRS within 20 ms of the experts\u2019 (were %i and +%i ms, at the spike\u2019s smeared slope)', (id) => {
    const { record, reference } = ludbRecord(id);
    const m = measureRecord(record.rhythm, record.patient);
    expect(m.pacing).toBeDefined();
    const errors = beatErrorsMs(m.beats, reference);
    expect(Math.abs(meanAndSd(errors.qrsOnset).mean)).toBeLessThan(12);
    expect(Math.abs(meanAndSd(errors.qrs).mean)).toBeLessThan(20);
  });

  it('non-paced records keep no pacing finding: LUDB 1 and 109 (atrial fibrillation with amplifier resets)', () => {
    for (const id of [1, 109]) {
      const { record } = ludbRecord(id);
      const m = measureRecord(record.rhythm, record.patient);
      expect(m.pacing).toBeUndefined();
      expect(m.statements.map((s) => s.text)).not.toContain('Paced rhythm');
    }
  });

  it('record 93 (biventricular): its stimuli, which swing the other way for a few ms before they jump, are found and the QRS starts after them', () => {
    const { record, reference } = ludbRecord(93);
    const m = measureRecord(record.rhythm, record.patient);
    expect(m.pacing?.pacedBeatCount).toBeGreaterThanOrEqual(8);
    // Before: no spike found, onset −69 ms (at the stimuli) and QRS +101 ms.
    const errors = beatErrorsMs(m.beats, reference);
    expect(meanAndSd(errors.qrsOnset).mean).toBeGreaterThan(-35);
    expect(Math.abs(meanAndSd(errors.qrs).mean)).toBeLessThan(45);
  });

  it.each([
    // [record, mean QRS-offset error before (ms)]: the isoelectric crossing lay at the end of the sloped ST's start.
    [74, 9],
    [111, 9],
  ])('record %i: a paced QRS ends at the knee into its sloped ST segment, within 5 ms of the experts (was +%i)', (id) => {
    const { record, reference } = ludbRecord(id);
    const m = measureRecord(record.rhythm, record.patient);
    expect(Math.abs(meanAndSd(beatErrorsMs(m.beats, reference).qrsOffset).mean)).toBeLessThan(5);
  });
});

describe('paced QRS at 250 Hz (QTDB sel102, spikes not resolved)', () => {
  it('is measured (was "does not return to the isoelectric level") and within 20 ms of the experts\u2019 216 ms', () => {
    const record = readShared('refdata/qtdb/qtdb/sel102.hea');
    const fs = record.rhythm.sampleRateHz;
    const reference = referenceBeatsFromLeads([parseWfdbAnnotations(readFileSync(sharedPath('refdata/qtdb/qtdb/sel102.q1c')), 'sel102.q1c')], fs);
    // The first 10 s of the experts' marked stretch, as bench/measurements.ts takes it.
    const start = reference[0].qrsPeak - fs;
    const window = { sampleRateHz: fs, leads: record.rhythm.leads.map((l) => ({ ...l, samplesUv: l.samplesUv.subarray(start, start + 10 * fs) })) };
    const m = measureRecord(window, record.patient);
    expect(m.qrsMs).toBeDefined();
    expect(Math.abs((m.qrsMs ?? 0) - 216)).toBeLessThan(20);
  });
});
