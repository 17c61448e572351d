import { describe, expect, it } from 'vitest';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import { detectPacingSpikes } from '../../src/shared/measurements/pacing-spikes.ts';
import { beatErrorsMs, ludbRecord, meanAndSd } from './ludb-support.ts';

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
});
