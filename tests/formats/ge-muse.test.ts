/**
 * GE MUSE XML on the four real files in ../shared/ecg/muse_xml. Sample values were checked with an
 * independent Python decode (base64 + struct '<h'), and the CRC32 of every lead with zlib.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geMuseParser } from '../../src/main/core/formats/ge-muse/muse-parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { recordDurationS, type EcgRecord } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';
import { findLead } from '../support/record-leads.ts';

const museFile = (name: string): string => sharedPath('ecg', 'muse_xml', name);
const parse = (name: string): EcgRecord => geMuseParser.parse(fileSource(museFile(name)));
const UV_PER_BIT = 4.88;

function memorySource(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}


function latin1(name: string): string {
  return readFileSync(museFile(name), 'latin1');
}

describe('GE MUSE XML: waveforms', () => {
  it.each(['muse_ecg1.xml', 'muse_ecg2.xml', 'example1.xml', 'example2.xml'])('%s decodes to 12 leads, 500 Hz, 10 s, 4.88 µV', (name) => {
    const record = parse(name);
    expect(record.format).toBe('ge-muse');
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(record.rhythm.leads.filter((l) => l.derived).map((l) => l.name)).toEqual(['III', 'aVR', 'aVL', 'aVF']);
    for (const l of record.rhythm.leads) expect(l.samplesUv.length).toBe(5000);
    expect(recordDurationS(record.rhythm)).toBe(10);
    expect(record.rhythm.leads[0].resolutionUv).toBe(UV_PER_BIT);
    expect(record.medianBeats?.sampleRateHz).toBe(500);
    expect(record.medianBeats?.leads).toHaveLength(12);
    expect(record.medianBeats?.leads[0].samplesUv.length).toBe(600);
  });

  it('muse_ecg1 samples equal the raw int16 counts × 4.88 µV', () => {
    const record = parse('muse_ecg1.xml');
    const counts = (samples: Float32Array, from: number, to: number): number[] =>
      Array.from(samples.slice(from, to), (v) => Math.round(v / UV_PER_BIT));
    expect(counts(findLead(record, 'I').samplesUv, 0, 3)).toEqual([32, 32, 32]);
    expect(counts(findLead(record, 'I').samplesUv, 1000, 1003)).toEqual([31, 32, 32]);
    expect(counts(findLead(record, 'II').samplesUv, 1000, 1003)).toEqual([42, 44, 44]);
    expect(counts(findLead(record, 'V3').samplesUv, 1000, 1003)).toEqual([73, 77, 83]);
    expect(findLead(record, 'I').samplesUv[1000]).toBeCloseTo(31 * UV_PER_BIT, 3);
    expect(Math.min(...findLead(record, 'V2').samplesUv) / UV_PER_BIT).toBeCloseTo(-255, 3);
    expect(Math.max(...findLead(record, 'V2').samplesUv) / UV_PER_BIT).toBeCloseTo(93, 3);
    expect(counts(findLead(record, 'V4', 'medianBeats').samplesUv, 300, 303)).toEqual([-1, -1, -1]);
  });

  it('example1/example2 samples match the independent decode', () => {
    expect(findLead(parse('example1.xml'), 'V1').samplesUv[1002] / UV_PER_BIT).toBeCloseTo(12, 3);
    expect(findLead(parse('example2.xml'), 'V3', 'medianBeats').samplesUv[300] / UV_PER_BIT).toBeCloseTo(7, 3);
    expect(Math.max(...findLead(parse('example2.xml'), 'V3').samplesUv) / UV_PER_BIT).toBeCloseTo(734, 3);
  });

  it('derives III, aVR, aVL, aVF from I and II (Einthoven, Goldberger)', () => {
    const record = parse('muse_ecg1.xml');
    const [I, II, III, aVR, aVL, aVF] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((n) => findLead(record, n).samplesUv);
    expect(III[1000]).toBeCloseTo((42 - 31) * UV_PER_BIT, 3);
    for (const i of [0, 1234, 4999]) {
      expect(III[i]).toBeCloseTo(II[i] - I[i], 3);
      expect(aVR[i]).toBeCloseTo(-(I[i] + II[i]) / 2, 3);
      expect(aVL[i]).toBeCloseTo(I[i] - II[i] / 2, 3);
      expect(aVF[i]).toBeCloseTo(II[i] - I[i] / 2, 3);
    }
  });

  it('is chosen by the registry for .xml by its content', () => {
    expect(parseEcg(fileSource(museFile('example2.xml'))).format).toBe('ge-muse');
  });
});

describe('GE MUSE XML: statements, measurements, demographics', () => {
  it('keeps the analysis program (OriginalDiagnosis) and the over-reader (Diagnosis) apart, lines joined per ENDSLINE', () => {
    const record = parse('muse_ecg1.xml');
    expect(record.statements.filter((s) => s.source === 'device').map((s) => s.text)).toEqual([
      'Wide QRS rhythm',
      'Left axis deviation',
      'Non-specific intra-ventricular conduction block',
      'Lateral infarct, age undetermined',
      'Abnormal ECG',
      'When compared with ECG of 10-MAY-2021 18:34,',
      'Previous ECG has undetermined rhythm, needs review',
    ]);
    expect(record.statements.filter((s) => s.source === 'physician').map((s) => s.text)).toEqual([
      'Ventricular-paced rhythm',
      'When compared with ECG of 10-MAY-2021 14:14,',
      'No significant change.',
      'Confirmed by Doe, John (123456) on 05/10/2021 1:15:09 PM',
    ]);
  });

  it('drops the "Statement Text(N)" placeholders of muse_ecg2 and says so', () => {
    const record = parse('muse_ecg2.xml');
    expect(record.statements).toEqual([]);
    expect(record.warnings.filter((w) => w.includes('3 unresolved "Statement Text(N)"'))).toHaveLength(2);
  });

  it.each([
    ['muse_ecg1.xml', 60, 158, 78, 364, 364, 49, 54, 46],
    ['example1.xml', 48, 138, 96, 452, 403, 51, 20, 40],
    ['example2.xml', 65, 184, 100, 420, 437, 42, -2, 12],
  ])('%s carries the device measurements', (name, hr, pr, qrs, qt, qtc, pAxis, qrsAxis, tAxis) => {
    const values = Object.fromEntries(parse(name).measurements.map((m) => [m.name, m.value]));
    expect(values).toMatchObject({ heartRateBpm: hr, prMs: pr, qrsMs: qrs, qtMs: qt, qtcMs: qtc, pAxisDeg: pAxis, qrsAxisDeg: qrsAxis, tAxisDeg: tAxis });
  });

  it('turns median-beat boundaries (samples at 500 Hz) into ms', () => {
    const values = Object.fromEntries(parse('muse_ecg1.xml').measurements.map((m) => [m.name, m.value]));
    expect(values.qrsOffsetMs - values.qrsOnsetMs).toBe(78);
    expect(values.qrsOnsetMs - values.pOnsetMs).toBe(158);
  });

  it('notes a measurement the over-reader changed (example2 QTc 436 → 437)', () => {
    expect(parse('example2.xml').warnings.some((w) => w.includes('QTCorrected'))).toBe(true);
  });

  it('reads demographics and acquisition, and tolerates files without them', () => {
    const record = parse('muse_ecg1.xml');
    expect(record.patient).toEqual({ id: 'JAX01234', familyName: 'TEST 05', ageYears: 60, sex: 'M' });
    expect(record.acquisition).toMatchObject({
      dateTime: '2021-05-10T13:15:18',
      device: 'MAC55',
      site: 'Research',
      location: 'FL Research Location',
      highPassHz: 0.16,
      lowPassHz: 150,
      notchHz: 60,
    });
    const stripped = parse('example1.xml');
    expect(stripped.patient).toEqual({});
    expect(stripped.acquisition.dateTime).toBeUndefined();
    expect(stripped.statements).toEqual([]);
  });
});

describe('GE MUSE XML: bad input', () => {
  const original = latin1('muse_ecg1.xml');
  const parseText = (text: string): EcgRecord => geMuseParser.parse(memorySource('bad.xml', Buffer.from(text, 'latin1')));

  it('rejects truncated XML with the place it breaks', () => {
    expect(() => parseText(original.slice(0, original.length / 2))).toThrow(/bad\.xml: malformed XML at line \d+/);
  });

  it('rejects a waveform that is not base64', () => {
    const damaged = original.replace(/<WaveFormData>(\s*)(\S)/, '<WaveFormData>$1*');
    expect(() => parseText(damaged)).toThrow(/Median lead I: WaveFormData is not valid base64/);
  });

  it('rejects a waveform whose data fail LeadDataCRC32', () => {
    const start = original.indexOf('<WaveFormData>') + '<WaveFormData>'.length;
    const at = original.slice(start).search(/[A-Za-z0-9]/) + start;
    const damaged = original.slice(0, at) + (original[at] === 'A' ? 'B' : 'A') + original.slice(at + 1);
    expect(() => parseText(damaged)).toThrow(/fails its LeadDataCRC32 check/);
  });

  it('rejects a lead shorter than its declared byte count', () => {
    const damaged = original.replace('<LeadByteCountTotal>10000</LeadByteCountTotal>', '<LeadByteCountTotal>10002</LeadByteCountTotal>');
    expect(() => parseText(damaged)).toThrow(/holds 10000 bytes but LeadByteCountTotal says 10002/);
  });

  it('rejects a file without a rhythm waveform', () => {
    const damaged = original.replace('<WaveformType>Rhythm</WaveformType>', '<WaveformType>Other</WaveformType>');
    expect(() => parseText(damaged)).toThrow(/no Rhythm waveform/);
  });

  it('rejects empty files and random bytes with EcgParseError', () => {
    expect(() => geMuseParser.parse(memorySource('empty.xml', new Uint8Array(0)))).toThrow(EcgParseError);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(() => geMuseParser.parse(memorySource('random.xml', random))).toThrow(EcgParseError);
    expect(() => parseEcg(memorySource('empty.xml', new Uint8Array(0)))).toThrow(/empty\.xml: the file is empty/);
  });
});
