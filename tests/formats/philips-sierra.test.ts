/**
 * Philips Sierra ECG XML on the three real files in ../shared/ecg/philips_xml (1.03, 1.04, 1.04.01).
 * The mid-record samples are the values sierra-ecg-tools' own test suite expects (sample 2750 of each
 * lead, in counts of 5 µV); 12 × 5500 samples is what REPORT.md gives for its reader.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { philipsSierraParser } from '../../src/main/core/formats/philips-sierra/sierra-parser.ts';
import { decodeXli } from '../../src/main/core/formats/philips-sierra/xli-decoder.ts';
import { reconstructLimbLeads } from '../../src/main/core/formats/philips-sierra/limb-leads.ts';
import { decodeBase64Strict } from '../../src/main/core/formats/ge-muse/strict-base64.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import type { EcgRecord } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';

const V103 = '129DYPRG.XML';
const V104 = '3191723_ZZDEMOPTONLY_1-04_orig.xml';
const V10401 = '2020-5-18_15-48-11.xml';
const philipsFile = (name: string): string => sharedPath('ecg', 'philips_xml', name);
const parse = (name: string): EcgRecord => philipsSierraParser.parse(fileSource(philipsFile(name)));
const LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function memorySource(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}

function fileText(name: string): string {
  const bytes = readFileSync(philipsFile(name));
  return bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
}

const utf16WithBom = (text: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

function leadOf(record: EcgRecord, name: string): Float32Array {
  const found = record.rhythm.leads.find((l) => l.name === name);
  if (!found) throw new Error(`no lead ${name}`);
  return found.samplesUv;
}

describe('Philips Sierra XML: XLI decoding', () => {
  it.each([V103, V104, V10401])('%s: the XLI stream holds 12 leads × 5500 samples ending in a 200-count pulse', (name) => {
    const base64 = /<parsedwaveforms[^>]*>([^<]*)</.exec(fileText(name))?.[1] ?? '';
    const data = decodeBase64Strict(base64);
    expect(data).toBeDefined();
    const leads = decodeXli(data!, 12, 5500);
    expect(leads.map((l) => l.length)).toEqual(Array(12).fill(5500));
    expect(Array.from(leads[0].subarray(5350, 5450)).every((v) => v === 200)).toBe(true);
    expect(Array.from(leads[0].subarray(5450))).toEqual(Array(50).fill(0));
  });

  it.each([
    [V103, [-9, -17, -7, 13, -1, -12, 0, -1, -3, -4, -7, -6]],
    [V104, [-11, -54, -43, 33, 16, -50, 7, -4, -14, -41, -35, -33]],
    [V10401, [-12, 78, 90, -33, -51, 84, 14, 3, -24, -20, -13, -21]],
  ])('%s: sample 2750 of every lead equals the reference reader (× 5 µV)', (name, counts) => {
    const record = parse(name);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(LEADS);
    expect(record.rhythm.leads.map((l) => l.samplesUv[2750])).toEqual(counts.map((c) => c * 5));
  });
});

describe('Philips Sierra XML: records', () => {
  it.each([
    [V103, 5264],
    [V104, 5300],
    [V10401, 5300],
  ])('%s: 500 Hz, 5 µV, calibration pulse trimmed to %i samples and noted', (name, kept) => {
    const record = parse(name);
    expect(record.format).toBe('philips-sierra');
    expect(record.rhythm.sampleRateHz).toBe(500);
    for (const l of record.rhythm.leads) {
      expect(l.samplesUv.length).toBe(kept);
      expect(l.resolutionUv).toBe(5);
      expect(l.derived).toBe(false);
    }
    expect(record.warnings).toContain(`a 1000 µV calibration pulse of 200 ms appended after the signal was trimmed: ${kept} of 5500 samples kept`);
  });

  it.each([V103, V104, V10401])('%s: rebuilt limb leads obey Einthoven and Goldberger within rounding, and are physiological', (name) => {
    const record = parse(name);
    const [I, II, III, aVR, aVL, aVF] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((n) => leadOf(record, n));
    let einthoven = 0;
    let goldberger = 0;
    for (let i = 0; i < I.length; i++) {
      einthoven = Math.max(einthoven, Math.abs(III[i] - (II[i] - I[i])));
      goldberger = Math.max(goldberger, Math.abs(aVR[i] + aVL[i] + aVF[i]));
    }
    // The stored residual carries a little noise: at most 2 counts (10 µV) here, 3 counts for the sum.
    expect(einthoven).toBeLessThanOrEqual(10);
    expect(goldberger).toBeLessThanOrEqual(15);
    const peakToPeakII = Math.max(...II) - Math.min(...II);
    expect(peakToPeakII).toBeGreaterThan(500);
    expect(peakToPeakII).toBeLessThan(5000);
    for (const l of record.rhythm.leads) expect(Math.max(...l.samplesUv.map(Math.abs))).toBeLessThan(5000);
  });

  it('reads the representative beats per version (1.04: 500 Hz/2.5 µV, 1.04.01: 1000 Hz/1.0 µV; none in 1.03)', () => {
    expect(parse(V103).medianBeats).toBeUndefined();
    const v104 = parse(V104).medianBeats;
    expect(v104?.sampleRateHz).toBe(500);
    expect(v104?.leads.map((l) => l.name)).toEqual(LEADS);
    // 600 samples (1.2 s) per lead; the 600 int16-maximum fill values after them are not samples.
    expect(v104?.leads.map((l) => l.samplesUv.length)).toEqual(Array(12).fill(600));
    expect(v104?.leads[0].resolutionUv).toBe(2.5);
    expect(Array.from(v104!.leads[0].samplesUv.slice(0, 3))).toEqual([65, 62.5, 62.5]);
    const v10401 = parse(V10401).medianBeats;
    expect(v10401?.sampleRateHz).toBe(1000);
    expect(v10401?.leads.map((l) => l.samplesUv.length)).toEqual(Array(12).fill(1200));
    expect(v10401?.leads[0].resolutionUv).toBe(1);
    expect(Array.from(v10401!.leads[1].samplesUv.slice(0, 3))).toEqual([10, 9, 9]);
    expect(v10401!.leads[0].samplesUv[600]).toBe(-11);
  });

  it('keeps interpretation statements with their severity as the device’s', () => {
    const v103 = parse(V103).statements;
    expect(v103.map((s) => s.text)).toEqual([
      'Sinus bradycardia (rate< 50)',
      'Nonspecific intraventricular conduction delay (QRSd >115mS, not LBBB/RBBB)',
      'Inferior infarct, acute (LCx) (ST>0.10mV, II III aVF, STd V1-V3)',
      '>>> Acute MI <<<',
      'ABNORMAL ECG',
    ]);
    expect(v103.every((s) => s.source === 'device' && s.severity === 'ABNORMAL ECG')).toBe(true);
    const v104 = parse(V104).statements;
    expect(v104.map((s) => s.code)).toEqual(['SR', 'LVHCNP', 'STELVH', 'AB']);
    expect(v104[1].text.startsWith('PROBABLE LEFT VENTRICULAR HYPERTROPHY')).toBe(true);
    const v10401 = parse(V10401).statements;
    expect(v10401.map((s) => s.text.replace(/ \(.*\)$/, ''))).toEqual([
      'Sinus rhythm',
      'Abnormal R-wave progression, early transition',
      'OTHERWISE NORMAL ECG',
    ]);
  });

  it.each([
    [V103, 41, 151, 135, 476, 393, 66, -21, 59],
    [V104, 84, 144, 84, 352, 417, 81, 78, 67],
    [V10401, 64, 164, 102, 399, 412, 27, 22, 80],
  ])('%s: global measurements as the device gives them', (name, hr, pr, qrs, qt, qtc, pAxis, qrsAxis, tAxis) => {
    const values = Object.fromEntries(parse(name).measurements.map((m) => [m.name, m.value]));
    expect(values).toMatchObject({ heartRateBpm: hr, prMs: pr, qrsMs: qrs, qtMs: qt, qtcMs: qtc, pAxisDeg: pAxis, qrsAxisDeg: qrsAxis, tAxisDeg: tAxis });
  });

  it('reads patient and acquisition fields', () => {
    const v104 = parse(V104);
    expect(v104.patient).toEqual({ id: '9999', familyName: 'ZZDEMOPTONLY', givenName: 'ADULT', birthDate: '1950-01-01', sex: 'M' });
    expect(v104.acquisition).toMatchObject({
      dateTime: '2010-01-19T15:19:22',
      manufacturer: 'Philips Medical Products',
      device: 'PageWriter Touch',
      softwareVersion: 'A.01.01.01',
      highPassHz: 0.05,
      lowPassHz: 150,
    });
    const v103 = parse(V103);
    expect(v103.patient).toMatchObject({ ageYears: 50, sex: 'M' });
    expect(v103.acquisition).toMatchObject({ dateTime: '2011-12-01T07:27:34', device: 'HeartstartMRx' });
  });

  it('reads the same record from UTF-16 and from a UTF-8 re-encoding', () => {
    const fromUtf16 = parse(V104);
    const text = fileText(V104).replace('encoding="utf-16"', 'encoding="utf-8"');
    const fromUtf8 = philipsSierraParser.parse(memorySource('copy.xml', Buffer.from(text, 'utf8')));
    expect(fromUtf8.rhythm.leads.map((l) => Array.from(l.samplesUv.slice(1000, 1010)))).toEqual(
      fromUtf16.rhythm.leads.map((l) => Array.from(l.samplesUv.slice(1000, 1010)))
    );
    expect(fromUtf8.statements).toEqual(fromUtf16.statements);
  });

  it('reads plain base64 int16 waveforms when the file says they are uncompressed', () => {
    const text = fileText(V104);
    const base64 = /<parsedwaveforms[^>]*>([^<]*)</.exec(text)?.[1] ?? '';
    const counts = decodeXli(decodeBase64Strict(base64)!, 12, 5500);
    const [I, II, III, aVR, aVL, aVF] = counts;
    reconstructLimbLeads({ I, II, III, aVR, aVL, aVF });
    const raw = Buffer.concat(counts.map((lead) => Buffer.from(lead.buffer, lead.byteOffset, lead.byteLength)));
    const plain = text.replace('compression="XLI"', 'compression="Uncompressed"').replace(base64, raw.toString('base64'));
    const fromPlain = philipsSierraParser.parse(memorySource('plain.xml', utf16WithBom(plain)));
    const fromXli = parse(V104);
    expect(fromPlain.rhythm.leads.map((l) => l.samplesUv.length)).toEqual(Array(12).fill(5300));
    expect(fromPlain.rhythm.leads.map((l) => Array.from(l.samplesUv.slice(2745, 2755)))).toEqual(
      fromXli.rhythm.leads.map((l) => Array.from(l.samplesUv.slice(2745, 2755)))
    );
  });

  it('is chosen by the registry for .xml files by its content', () => {
    expect(parseEcg(fileSource(philipsFile(V10401))).format).toBe('philips-sierra');
    expect(parseEcg(fileSource(philipsFile(V103))).format).toBe('philips-sierra');
  });
});

describe('Philips Sierra XML: bad input', () => {
  const original = fileText(V104);
  const parseText = (text: string): EcgRecord => philipsSierraParser.parse(memorySource('bad.xml', utf16WithBom(text)));
  const base64 = /<parsedwaveforms[^>]*>([^<]*)</.exec(original)?.[1] ?? '';
  const withWaveform = (bytes: Uint8Array): string => original.replace(base64, Buffer.from(bytes).toString('base64'));

  it('rejects truncated XML', () => {
    expect(() => parseText(original.slice(0, 5000))).toThrow(/bad\.xml: malformed XML/);
  });

  it('rejects waveform data that is not base64', () => {
    expect(() => parseText(original.replace(base64, `${base64.slice(0, 100)}!${base64.slice(101)}`))).toThrow(/not valid base64/);
  });

  it('rejects an XLI chunk that claims more bytes than the stream holds', () => {
    const data = Uint8Array.from(decodeBase64Strict(base64)!);
    new DataView(data.buffer).setInt32(0, 10_000_000, true);
    expect(() => parseText(withWaveform(data))).toThrow(/XLI waveform data are damaged: chunk 1 declares 10000000 bytes/);
  });

  it('rejects or decodes a corrupted LZW stream, never hanging or throwing anything else', () => {
    const data = Uint8Array.from(decodeBase64Strict(base64)!);
    for (let i = 20; i < 400; i += 3) data[i] ^= 0xa5;
    expect(() => parseText(withWaveform(data))).toThrow(EcgParseError);
    const cut = Uint8Array.from(decodeBase64Strict(base64)!).subarray(0, 3000);
    expect(() => parseText(withWaveform(cut))).toThrow(/XLI waveform data are damaged/);
  });

  it('rejects another vendor’s document type', () => {
    expect(() => parseText(original.replace('<documenttype>PhilipsECG</documenttype>', '<documenttype>MortaraECG</documenttype>'))).toThrow(
      /unsupported Philips document type 'MortaraECG'/
    );
  });

  it('rejects empty files, random bytes and invalid UTF-16', () => {
    expect(() => philipsSierraParser.parse(memorySource('empty.xml', new Uint8Array(0)))).toThrow(EcgParseError);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(() => philipsSierraParser.parse(memorySource('random.xml', random))).toThrow(EcgParseError);
    const loneSurrogate = Uint8Array.from([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x3e, 0x00]);
    expect(() => philipsSierraParser.parse(memorySource('utf16.xml', loneSurrogate))).toThrow(/not valid utf-16le/);
  });
});
