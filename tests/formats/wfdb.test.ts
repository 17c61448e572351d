import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { wfdbParser } from '../../src/main/core/formats/wfdb/wfdb-parser.ts';
import type { EcgRecord } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';
import { findLead, samplesAt } from '../support/record-leads.ts';

const LUDB_DATA = 'refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data';
const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function parseShared(relativePath: string): EcgRecord {
  return parseEcg(fileSource(sharedPath(relativePath)));
}



/** A record held in memory: the header text plus sibling files copied (or altered) from real ones. */
function memorySource(fileName: string, header: string | Uint8Array, siblings: Record<string, Uint8Array>): ParseSource {
  return {
    fileName,
    bytes: typeof header === 'string' ? new TextEncoder().encode(header) : header,
    readSibling: (name) => siblings[name],
  };
}

function sharedText(relativePath: string): string {
  return readFileSync(sharedPath(relativePath), 'latin1');
}

function sharedBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(relativePath)));
}

// Expected values below come from an independent numpy decode of each file: (adc - baseline) / gain × 1000.
describe('WFDB records in ../shared/ecg', () => {
  it('Challenge JS00001 (16+24 .mat, no date on the record line, three #Dx labels)', () => {
    const record = parseShared('ecg/wfdb/challenge2021/JS00001.hea');
    expect(record.format).toBe('wfdb');
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(record.rhythm.leads.every((l) => !l.derived && l.samplesUv.length === 5000 && l.resolutionUv === 1)).toBe(true);
    expect(samplesAt(record, 'I', [0, 1000, 4999])).toEqual([-254, -200, 5]);
    expect(samplesAt(record, 'V2', [0, 1000, 4999])).toEqual([-312, 298, 605]);
    expect(samplesAt(record, 'V6', [0, 1000, 4999])).toEqual([527, -830, 112]);
    expect(record.patient).toEqual({ ageYears: 85, sex: 'M' });
    expect(record.statements).toEqual([
      { text: 'atrial fibrillation', source: 'label', code: '164889003', codeSystem: 'SNOMED-CT' },
      { text: 'right bundle branch block', source: 'label', code: '59118001', codeSystem: 'SNOMED-CT' },
      { text: 't wave abnormal', source: 'label', code: '164934002', codeSystem: 'SNOMED-CT' },
    ]);
    expect(record.acquisition.dateTime).toBeUndefined();
    expect(record.sourceFiles).toEqual(['JS00001.hea', 'JS00001.mat']);
  });

  it('Challenge E07500 names its record with the .mat extension and carries a date', () => {
    const record = parseShared('ecg/wfdb/challenge2021/E07500.hea');
    expect(record.rhythm.leads).toHaveLength(12);
    expect(samplesAt(record, 'I', [0, 1000, 4999])).toEqual([-68, -53, -131]);
    expect(samplesAt(record, 'V5', [0, 1000, 4999])).toEqual([-48, -356, -390]);
    expect(record.acquisition.dateTime).toBe('2020-05-05T09:49:17');
    expect(record.statements.map((s) => [s.code, s.text])).toEqual([
      ['67741000119109', 'left atrial enlargement'],
      ['426177001', 'sinus bradycardia'],
    ]);
  });

  it('Challenge E07501 and HR06000 (lower-case "mv" units) decode', () => {
    const e07501 = parseShared('ecg/wfdb/challenge2021/E07501.hea');
    expect(samplesAt(e07501, 'I', [0, 1, 2])).toEqual([126, 136, 141]);
    expect(e07501.statements.map((s) => s.text)).toEqual(['left atrial abnormality', 'sinus tachycardia']);
    const hr06000 = parseShared('ecg/wfdb/challenge2021/HR06000.hea');
    expect(hr06000.rhythm.leads).toHaveLength(12);
    expect(samplesAt(hr06000, 'V6', [0])).toEqual([625]);
    expect(hr06000.patient).toEqual({ ageYears: 59, sex: 'F' });
    expect(hr06000.statements.map((s) => s.code)).toEqual(['164934002', '426783006']);
  });

  it('PTB-XL 00001_lr: checksums written unsigned pass, upper-case AVR maps to aVR', () => {
    const record = parseShared('ecg/wfdb/ptbxl/00001_lr.hea');
    expect(record.rhythm.sampleRateHz).toBe(100);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(samplesAt(record, 'I', [0, 500, 999])).toEqual([-119, -75, 22]);
    expect(samplesAt(record, 'aVR', [0, 500, 999])).toEqual([86, 67, 5]);
    expect(samplesAt(record, 'V4', [0, 500, 999])).toEqual([-26, -46, 143]);
  });

  it('PTB-DB s0010_re: two signal files, lower-case names, clinical header into patient and statements', () => {
    const record = parseShared('ecg/wfdb/ptbdb/s0010_re.hea');
    expect(record.rhythm.sampleRateHz).toBe(1000);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual([...TWELVE, 'X', 'Y', 'Z']);
    expect(record.rhythm.leads.every((l) => l.samplesUv.length === 38400 && l.resolutionUv === 0.5)).toBe(true);
    expect(samplesAt(record, 'I', [0, 1000, 38399])).toEqual([-244.5, -105.5, 135]);
    expect(samplesAt(record, 'aVL', [0, 1000, 38399])).toEqual([-130, 23, 5.5]);
    expect(samplesAt(record, 'X', [0, 1000, 38399])).toEqual([-1.5, -28.5, 81]);
    expect(samplesAt(record, 'Z', [0, 1000, 38399])).toEqual([-9, -64.5, 29]);
    expect(record.sourceFiles).toEqual(['s0010_re.hea', 's0010_re.dat', 's0010_re.xyz']);
    expect(record.patient).toEqual({ ageYears: 81, sex: 'F' });
    expect(record.acquisition.dateTime).toBe('1990-10-01');
    expect(record.statements.map((s) => s.text)).toEqual([
      'Reason for admission: Myocardial infarction',
      'Acute infarction (localization): infero-latera',
      'Additional diagnoses: Diabetes mellitus',
    ]);
    expect(record.acquisition.comments).toContain('Medication after discharge: ASA Isosorbit-Mononitrate Amiloride+Chlorothiazide Glibenclamide');
  });

  it('MIT-BIH 100: format 212 with ADC zero 1024, 30 minutes, .atr beats as annotations', () => {
    const record = parseShared('ecg/wfdb/mitdb/100.hea');
    expect(record.rhythm.sampleRateHz).toBe(360);
    expect(record.rhythm.leads.map((l) => l.name).sort()).toEqual(['MLII', 'V5']);
    expect(samplesAt(record, 'MLII', [0, 1, 1000, 123456, 649999])).toEqual([-145, -145, -395, -475, -1280]);
    expect(samplesAt(record, 'V5', [0, 1000, 123456, 649999])).toEqual([-65, -270, -430, 0]);
    expect(findLead(record, 'MLII').samplesUv).toHaveLength(650000);
    expect(record.patient).toEqual({ ageYears: 69, sex: 'M' });
    const beats = record.annotations.filter((a) => a.set === 'atr');
    expect(beats).toHaveLength(2274);
    expect(beats.filter((a) => a.code === 'N')).toHaveLength(2239);
    expect(beats.filter((a) => a.code === 'A')).toHaveLength(33);
    expect(beats.filter((a) => a.code === 'V')).toHaveLength(1);
    expect(beats[0]).toEqual({ set: 'atr', timeS: 18 / 360, code: '+', description: '(N' });
    expect(beats[1]?.timeS).toBeCloseTo(77 / 360, 12);
    expect(record.sourceFiles).toEqual(['100.hea', '100.dat', '100.atr']);
  });
});

describe('WFDB reference databases', () => {
  it('reads LUDB record 1 (gain with baseline, e.g. 1716(6)/mV) and its diagnoses', () => {
    const record = parseShared(`${LUDB_DATA}/1.hea`);
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(samplesAt(record, 'I', [0, 1000, 4999])).toEqual([-73.427, -18.065, -41.958]);
    expect(samplesAt(record, 'V1', [0, 1000, 4999])).toEqual([110.058, -10.204, -9.475]);
    expect(findLead(record, 'I').samplesUv[0]).toBeCloseTo(((-120 - 6) / 1716) * 1000, 3);
    expect(record.patient).toEqual({ ageYears: 51, sex: 'F' });
    expect(record.statements.map((s) => s.text)).toEqual([
      'Rhythm: Sinus bradycardia',
      'Electric axis of the heart: left axis deviation',
      'Left ventricular hypertrophy',
      'Left ventricular overload',
      'Non-specific repolarization abnormalities: posterior wall',
    ]);
  });

  it('reads QTDB sel100 (212, 250 Hz with a counter frequency) and its .atr', () => {
    const record = parseShared('refdata/qtdb/qtdb/sel100.hea');
    expect(record.rhythm.sampleRateHz).toBe(250);
    expect(findLead(record, 'MLII').samplesUv).toHaveLength(225000);
    // The header gives an explicit baseline of 0 (200(0)), so the ADC zero of 1024 is not subtracted.
    expect(samplesAt(record, 'MLII', [0])).toEqual([4725]);
    expect(record.annotations).toHaveLength(1134);
    expect(record.annotations[0]?.timeS).toBeCloseTo(143 / 250, 12);
  });
});

describe('WFDB header variants built from real records', () => {
  const header100 = sharedText('ecg/wfdb/mitdb/100.hea');
  const dat100 = sharedBytes('ecg/wfdb/mitdb/100.dat');

  it('accepts CRLF line ends, a leading comment line and a gain of 0 (the WFDB default of 200)', () => {
    const variant = `# edited copy\r\n${header100.replaceAll(' 200 11 ', ' 0 11 ').replaceAll('\n', '\r\n')}`;
    const record = wfdbParser.parse(memorySource('100.hea', variant, { '100.dat': dat100 }));
    expect(samplesAt(record, 'MLII', [0, 1000])).toEqual([-145, -395]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBe(5);
  });

  it('converts uV units and honours a byte offset', () => {
    const header = sharedText('ecg/wfdb/ptbxl/00001_lr.hea')
      .replaceAll('1000.0(0)/mV', '1.0(0)/uV')
      .replaceAll('.dat 16 ', '.dat 16+4 ');
    const dat = sharedBytes('ecg/wfdb/ptbxl/00001_lr.dat');
    const shifted = new Uint8Array(dat.length + 4);
    shifted.set(dat, 4);
    const record = wfdbParser.parse(memorySource('00001_lr.hea', header, { '00001_lr.dat': shifted }));
    expect(samplesAt(record, 'I', [0, 500, 999])).toEqual([-119, -75, 22]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBe(1);
  });

  it('reads format 61 (big-endian 16-bit)', () => {
    const header = sharedText('ecg/wfdb/ptbxl/00001_lr.hea').replaceAll('.dat 16 ', '.dat 61 ');
    const dat = sharedBytes('ecg/wfdb/ptbxl/00001_lr.dat');
    const swapped = new Uint8Array(dat.length);
    for (let i = 0; i < dat.length; i += 2) {
      swapped[i] = dat[i + 1] ?? 0;
      swapped[i + 1] = dat[i] ?? 0;
    }
    const record = wfdbParser.parse(memorySource('00001_lr.hea', header, { '00001_lr.dat': swapped }));
    expect(samplesAt(record, 'V4', [0, 500, 999])).toEqual([-26, -46, 143]);
  });

  it('reads format 80 (offset-binary bytes)', () => {
    // LUDB-style numbers: ADC values -3, 0, 5, 127 and -127 stored as value + 128.
    const values = [-3, 0, 5, 127, -127];
    const header = `r80 1 500 5\nr80.dat 80 100(0)/mV 8 0 0 ${values.reduce((a, b) => a + b, 0)} 0 II\n`;
    const dat = Uint8Array.from(values.map((v) => v + 128));
    const record = wfdbParser.parse(memorySource('r80.hea', header, { 'r80.dat': dat }));
    expect(Array.from(findLead(record, 'II').samplesUv)).toEqual([-30, 0, 50, 1270, -1270]);
  });

  it('leaves out non-voltage signals with a warning', () => {
    const header = header100.replace('1024 1011 20052 0 V5', '1024 1011 20052 0 V5').replace('200 11 1024 1011', '200/mmHg 11 1024 1011');
    const record = wfdbParser.parse(memorySource('100.hea', header, { '100.dat': dat100 }));
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['MLII']);
    expect(record.warnings).toEqual(["signal 'V5' is in mmHg, not a voltage; it is not an ECG lead and was left out"]);
  });
});

describe('WFDB bad input', () => {
  const header = sharedText('ecg/wfdb/ptbxl/00001_lr.hea');
  const dat = sharedBytes('ecg/wfdb/ptbxl/00001_lr.dat');

  function parseError(source: ParseSource): EcgParseError {
    try {
      wfdbParser.parse(source);
    } catch (error) {
      if (error instanceof EcgParseError) return error;
      throw error;
    }
    throw new Error('expected an EcgParseError');
  }

  it('rejects a truncated .dat naming the file and the shortfall', () => {
    const error = parseError(memorySource('00001_lr.hea', header, { '00001_lr.dat': dat.slice(0, 20000) }));
    expect(error.fileName).toBe('00001_lr.dat');
    expect(error.message).toBe(
      '00001_lr.dat: is truncated: the header declares 1000 samples × 12 signals, the file holds 833'
    );
  });

  it('rejects a wrong checksum naming the lead', () => {
    const wrong = header.replace('-55 723 0 II', '-55 724 0 II');
    const error = parseError(memorySource('00001_lr.hea', wrong, { '00001_lr.dat': dat }));
    expect(error.message).toBe('00001_lr.hea: checksum mismatch for lead II: header says 724, samples sum to 723 (mod 65536)');
  });

  it('rejects a corrupted sample through its checksum', () => {
    const flipped = dat.slice();
    flipped[2 * 12 * 10 + 2 * 6] = (flipped[2 * 12 * 10 + 2 * 6] ?? 0) ^ 0x10;
    expect(parseError(memorySource('00001_lr.hea', header, { '00001_lr.dat': flipped })).message).toMatch(
      /checksum mismatch for lead V1/
    );
  });

  it('rejects a header that declares more leads than it describes', () => {
    const lying = header.replace('00001_lr 12 100 1000', '00001_lr 13 100 1000');
    expect(parseError(memorySource('00001_lr.hea', lying, { '00001_lr.dat': dat })).message).toBe(
      '00001_lr.hea: the record line declares 13 signals but the header describes 12'
    );
  });

  it('rejects a header that describes more leads than it declares', () => {
    const lying = header.replace('00001_lr 12 100 1000', '00001_lr 11 100 1000');
    expect(parseError(memorySource('00001_lr.hea', lying, { '00001_lr.dat': dat })).message).toMatch(
      /declares 11 signals but line 13 is another signal line/
    );
  });

  it('rejects a missing signal file', () => {
    expect(parseError(memorySource('00001_lr.hea', header, {})).message).toBe(
      '00001_lr.hea: its signal file 00001_lr.dat is missing'
    );
  });

  it('rejects an empty file and random bytes with a clear message', () => {
    expect(parseError(memorySource('empty.hea', new Uint8Array(0), {})).message).toBe('empty.hea: the header has no record line');
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 23;
    });
    expect(parseError(memorySource('random.hea', random, {})).message).toBe('random.hea: is not a text WFDB header');
    expect(wfdbParser.sniff(memorySource('random.hea', random, {}))).toBe(false);
  });

  it('rejects an unsupported storage format by number', () => {
    const other = header.replaceAll('.dat 16 ', '.dat 310 ');
    expect(parseError(memorySource('00001_lr.hea', other, { '00001_lr.dat': dat })).message).toBe(
      '00001_lr.hea: signal format 310 (in 00001_lr.dat) is not supported'
    );
  });
});
