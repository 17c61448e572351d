import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { scpEcgParser } from '../../src/main/core/formats/scp-ecg/scp-ecg-parser.ts';
import { recordDurationS, type EcgLead, type EcgRecord } from '../../src/shared/ecg/record.ts';
import { bytesSource, readScp, sharedPath } from './scp-ecg-fixtures.ts';
import { findLead } from '../support/record-leads.ts';

function parse(fileName: string): EcgRecord {
  return scpEcgParser.parse(bytesSource(fileName, readScp(fileName)));
}


/** Sum of a lead in ADC counts; exact because every sample is a whole number of counts. */
function countSum(l: EcgLead): number {
  return Math.round(l.samplesUv.reduce((sum, v) => sum + v, 0) / (l.resolutionUv ?? 1));
}

function measurement(record: EcgRecord, name: string): number | undefined {
  return record.measurements.find((m) => m.name === name && m.lead === undefined)?.value;
}

describe('SCP-ECG: Welch Allyn MDW14 (default Huffman, first differences, 599.88 Hz)', () => {
  const record = parse('ECG_20070321_110542_ANON000004.SCP');

  it('decodes 8 stored leads plus 4 derived limb leads at 599.88 Hz, 6000 samples, 3.75 µV', () => {
    expect(record.format).toBe('scp-ecg');
    expect(record.rhythm.sampleRateHz).toBeCloseTo(1e6 / 1667, 9);
    expect(record.rhythm.sampleRateHz).toBeCloseTo(599.88, 2);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(record.rhythm.leads.filter((l) => l.derived).map((l) => l.name)).toEqual(['III', 'aVR', 'aVL', 'aVF']);
    for (const l of record.rhythm.leads) expect(l.samplesUv.length).toBe(6000);
    expect(recordDurationS(record.rhythm)).toBeCloseTo(10.002, 3);
    expect(findLead(record, 'I').resolutionUv).toBe(3.75);
  });

  it('gives the microvolts an independent decode gives (counts × 3.75 µV)', () => {
    // Python decode of the default table + first differences: lead I starts 5, 6, 7, 7, 8, 9 counts.
    expect(Array.from(findLead(record, 'I').samplesUv.slice(0, 6))).toEqual([18.75, 22.5, 26.25, 26.25, 30, 33.75]);
    expect(countSum(findLead(record, 'I'))).toBe(65977);
    expect(countSum(findLead(record, 'II'))).toBe(-251472);
    expect(countSum(findLead(record, 'V6'))).toBe(36074);
    const iii = findLead(record, 'III').samplesUv;
    expect(iii[100]).toBeCloseTo(findLead(record, 'II').samplesUv[100] - findLead(record, 'I').samplesUv[100], 4);
  });

  it('reads the reference beats of section 5 as median beats (718 ms → 431 samples)', () => {
    expect(record.medianBeats?.sampleRateHz).toBeCloseTo(599.88, 2);
    const medianI = record.medianBeats?.leads.find((l) => l.name === 'I');
    expect(medianI?.samplesUv.length).toBe(431);
    expect(Math.round((medianI?.samplesUv.reduce((s, v) => s + v, 0) ?? 0) / 3.75)).toBe(9221);
  });

  it('keeps the device statements and global and per-lead measurements', () => {
    expect(record.statements.map((s) => s.text)).toEqual([
      'sinusrytm',
      'VK-hypertrofi',
      'ålderskorrigerat Sokolow index (SV1+RV5 eller V6) = 4.1 mV',
      'ålderskorrigerat R-vektor i extremitetsavledningar = 2.9 mV',
      'septal infarkt',
      'Q > 40 ms i V2',
      'Q/R > 1/3 i V2',
      "RSR' in V1",
      'fynd med definitiv patologisk signifikans',
    ]);
    expect(record.statements.every((s) => s.source === 'device')).toBe(true);
    expect(measurement(record, 'heartRateBpm')).toBe(75);
    expect(measurement(record, 'rrMs')).toBe(800);
    expect(measurement(record, 'prMs')).toBe(157);
    expect(measurement(record, 'qrsMs')).toBe(88);
    expect(measurement(record, 'qtMs')).toBe(360);
    expect(measurement(record, 'qtcMs')).toBe(402);
    expect(measurement(record, 'pAxisDeg')).toBe(29);
    expect(measurement(record, 'qrsAxisDeg')).toBe(53);
    expect(measurement(record, 'tAxisDeg')).toBe(56);
    const perLead = record.measurements.filter((m) => m.lead === 'I');
    expect(perLead.find((m) => m.name === 'prMs')?.value).toBe(157);
    expect(perLead.find((m) => m.name === 'qrsMs')?.value).toBe(88);
    expect(perLead.find((m) => m.name === 'qDurationMs')?.value).toBe(17);
    expect(perLead.find((m) => m.name === 'rAmplitudeUv')?.value).toBe(1413);
    expect(perLead.find((m) => m.name === 'sAmplitudeUv')?.value).toBe(335);
    // Section 10 covers 12 leads, including the derived limb leads the device measured.
    expect(new Set(record.measurements.filter((m) => m.lead).map((m) => m.lead)).size).toBe(12);
  });

  it('keeps the signal of the anonymiser-damaged section 1 and warns about the dropped fields', () => {
    expect(record.patient).toEqual({ id: 'ANON000004', ageYears: 39 });
    expect(record.acquisition.dateTime).toBeUndefined();
    expect(record.acquisition.device).toBe('MDW14');
    expect(record.acquisition.manufacturer).toBe('Welch Allyn Cardio Control');
    expect(record.acquisition.lowPassHz).toBe(35);
    expect(record.acquisition.notchHz).toBe(50);
    expect(record.warnings).toHaveLength(1);
    expect(record.warnings[0]).toMatch(/section 1 .*damaged/);
    expect(record.warnings[0]).toContain('53255');
    expect(record.warnings[0]).toContain('family name');
    expect(record.warnings[0]).toContain('sex');
  });
});

describe('SCP-ECG: Welch Allyn with V3R and V7', () => {
  const record = parse('ECG_20060620_112352_ANON000002.SCP');

  it('names lead codes 11 and 9 V3R and V7 and puts them after the standard twelve', () => {
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V4', 'V6', 'V3R', 'V7']);
    expect(countSum(findLead(record, 'V3R'))).toBe(-22738);
    expect(countSum(findLead(record, 'V7'))).toBe(-27675);
    expect(countSum(findLead(record, 'V2'))).toBe(-100814);
    expect(record.medianBeats?.leads.find((l) => l.name === 'V3R')?.samplesUv.length).toBe(433);
  });

  it('reads the statements and a damaged section 1 the same way', () => {
    expect(record.statements.map((s) => s.text)).toContain('AV-block I (begränsad)');
    expect(record.statements).toHaveLength(5);
    expect(measurement(record, 'heartRateBpm')).toBe(82);
    expect(measurement(record, 'prMs')).toBe(177);
    expect(record.patient.familyName).toBeUndefined();
    expect(record.warnings[0]).toContain('impossible date 53255-1-1');
  });
});

describe('SCP-ECG: Example.scp (ECGConversion, second differences, reference beats)', () => {
  const record = parse('Example.scp');

  it('decodes 12 stored leads at 500 Hz, 5000 samples, 2.5 µV', () => {
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(record.rhythm.leads.every((l) => !l.derived && l.samplesUv.length === 5000 && l.resolutionUv === 2.5)).toBe(true);
    // SOURCES.md: lead I starts −5, −5, −5, −5, −7.5, −10 µV.
    expect(Array.from(findLead(record, 'I').samplesUv.slice(0, 6))).toEqual([-5, -5, -5, -5, -7.5, -10]);
    expect(countSum(findLead(record, 'I'))).toBe(-4921);
  });

  it('reads a 1198 ms reference beat (599 samples) and the section 7 measurements', () => {
    expect(record.medianBeats?.sampleRateHz).toBe(500);
    expect(record.medianBeats?.leads.every((l) => l.samplesUv.length === 599)).toBe(true);
    expect(measurement(record, 'prMs')).toBe(148);
    expect(measurement(record, 'qrsMs')).toBe(120);
    expect(measurement(record, 'qtMs')).toBe(420);
    expect(measurement(record, 'qtcMs')).toBe(443);
    expect(measurement(record, 'qrsAxisDeg')).toBe(-61);
    expect(measurement(record, 'heartRateBpm')).toBeUndefined();
  });

  it('reads the demographics and acquisition time', () => {
    expect(record.patient).toEqual({ familyName: 'Clark', id: 'SBJ-123', birthDate: '1953-05-08', sex: 'M', race: 'Caucasian' });
    expect(record.acquisition.dateTime).toBe('2002-11-22T09:10:00');
    expect(record.acquisition.device).toBe('ELI250');
    expect(record.warnings).toEqual([]);
  });
});

describe('SCP-ECG: demo.scp (v1.3, raw int16, 0-based lead index)', () => {
  const record = parse('demo.scp');

  it('reads 10,000 samples per lead, not 10,001, and warns about the 0-based index', () => {
    expect(record.rhythm.sampleRateHz).toBe(1000);
    expect(findLead(record, 'I').samplesUv.length).toBe(10000);
    expect(record.warnings.some((w) => w.includes('0-based'))).toBe(true);
    expect(findLead(record, 'I').resolutionUv).toBe(0.183);
    expect(findLead(record, 'I').samplesUv[0]).toBeCloseTo(254 * 0.183, 4);
    expect(findLead(record, 'I').samplesUv[9999]).toBeCloseTo(4089 * 0.183, 4);
    expect(findLead(record, 'V6').samplesUv[2]).toBeCloseTo(262 * 0.183, 4);
    expect(record.rhythm.leads.filter((l) => l.derived).map((l) => l.name)).toEqual(['III', 'aVR', 'aVL', 'aVF']);
    expect(record.medianBeats).toBeUndefined();
    expect(scpEcgParser.sniff(bytesSource('demo.bin', readScp('demo.scp')))).toBe(true);
  });

  it('reads the v1.3 demographics', () => {
    expect(record.patient).toEqual({
      familyName: 'Patient',
      givenName: 'Demo',
      id: '12-678-QW',
      birthDate: '1957-06-24',
      heightCm: 187,
      weightKg: 82,
      sex: 'M',
    });
    expect(record.acquisition.dateTime).toBe('2004-06-24T16:52:16');
    expect(record.acquisition.comments).toEqual(['demo patient']);
  });
});

describe('SCP-ECG: 0000050.ECG.scp (Contec converter) against the CSV of the same recording', () => {
  const record = parseEcg(bytesSource('0000050.ECG.scp', readScp('0000050.ECG.scp')));
  const csvRows = readFileSync(sharedPath('ecg/csv/0000050.ECG.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));

  it('is chosen by the registry and keeps the 6 live limb leads and 6 flat precordial leads at 800 Hz, 5 µV', () => {
    expect(record.format).toBe('scp-ecg');
    expect(record.rhythm.sampleRateHz).toBe(800);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(record.rhythm.leads.every((l) => !l.derived && l.resolutionUv === 5)).toBe(true);
    expect(record.warnings.some((w) => w.includes('V1, V2, V3, V4, V5, V6 carry no signal'))).toBe(true);
    expect(record.acquisition.dateTime).toBe('2020-11-16T21:44:39');
  });

  it('holds only 32,767 of the 37,855 declared samples (16-bit byte counts capped at 65534) and says so', () => {
    expect(csvRows).toHaveLength(37855);
    for (const l of record.rhythm.leads) expect(l.samplesUv.length).toBe(32767);
    expect(record.warnings.some((w) => w.includes('32767 samples stored where section 3 declares 37855'))).toBe(true);
  });

  it('agrees sample for sample with the CSV (CSV integers × 5 µV)', () => {
    const limbLeads = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'];
    limbLeads.forEach((name, column) => {
      const samples = findLead(record, name).samplesUv;
      let mismatches = 0;
      for (let i = 0; i < samples.length; i++) if (samples[i] !== Number(csvRows[i][column]) * 5) mismatches++;
      expect(mismatches, name).toBe(0);
    });
    expect(findLead(record, 'I').samplesUv[0]).toBe(-100);
    expect(csvRows[0].slice(6).every((cell) => cell === '')).toBe(true);
  });
});
