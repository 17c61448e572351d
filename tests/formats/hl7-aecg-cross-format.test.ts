import { describe, expect, it } from 'vitest';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { hl7AecgParser } from '../../src/main/core/formats/hl7-aecg/aecg-parser.ts';
import { scpEcgParser } from '../../src/main/core/formats/scp-ecg/scp-ecg-parser.ts';
import type { EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';

/** Largest |a − b| in µV over every sample of every lead, after checking names and lengths match. */
function worstDifferenceUv(a: EcgWaveformSet, b: EcgWaveformSet): number {
  expect(a.sampleRateHz).toBe(b.sampleRateHz);
  expect(a.leads.map((l) => [l.name, l.samplesUv.length])).toEqual(b.leads.map((l) => [l.name, l.samplesUv.length]));
  let worst = 0;
  a.leads.forEach((lead, index) => {
    const other = b.leads[index].samplesUv;
    lead.samplesUv.forEach((uv, i) => (worst = Math.max(worst, Math.abs(uv - other[i]))));
  });
  return worst;
}

// scp/Example.scp is ECGConversion's SCP export of hl7aecg/Example aECG.xml (SOURCES.md): both
// product parsers must give the same record; measured: every sample of both sets is identical.
describe('the aECG and SCP parsers decode Example aECG.xml and Example.scp to the same ECG', () => {
  const aecg = hl7AecgParser.parse(fileSource(sharedPath('ecg/hl7aecg/Example aECG.xml')));
  const scp = scpEcgParser.parse(fileSource(sharedPath('ecg/scp/Example.scp')));

  it('agrees on the rhythm microvolts', () => {
    expect(worstDifferenceUv(aecg.rhythm, scp.rhythm)).toBe(0);
  });

  it('agrees on the representative beat microvolts', () => {
    expect(worstDifferenceUv(aecg.medianBeats!, scp.medianBeats!)).toBe(0);
  });

  it('agrees on the global measurements and the patient', () => {
    const values = (measurements: typeof aecg.measurements) =>
      Object.fromEntries(measurements.map((m) => [m.name, `${m.value} ${m.unit}`]));
    expect(values(aecg.measurements)).toEqual(values(scp.measurements));
    expect(aecg.patient).toMatchObject({ id: scp.patient.id, familyName: scp.patient.familyName, birthDate: scp.patient.birthDate, sex: scp.patient.sex });
    expect(aecg.acquisition.dateTime).toBe(scp.acquisition.dateTime);
  });
});
