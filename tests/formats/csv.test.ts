import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { EcgParseError, type ParseOptions, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { csvParser } from '../../src/main/core/formats/csv/csv-parser.ts';
import { sharedPath } from '../support/shared-data.ts';
import { findLead, samplesAt } from '../support/record-leads.ts';

const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const CONTEC_CSV = 'ecg/csv/0000050.ECG.csv';



function textSource(fileName: string, text: string): ParseSource {
  return { fileName, bytes: new TextEncoder().encode(text), readSibling: () => undefined };
}

function parseError(source: ParseSource, options?: ParseOptions): EcgParseError {
  try {
    csvParser.parse(source, options);
  } catch (error) {
    if (error instanceof EcgParseError) return error;
    throw error;
  }
  throw new Error('expected an EcgParseError');
}

describe('CSV: ECG_12L.csv (preamble + header, 500 Hz)', () => {
  const record = parseEcg(fileSource(sharedPath('ecg/csv/ECG_12L.csv')));

  it('takes the rate from the preamble and the lead names from the header', () => {
    expect(record.format).toBe('csv');
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(record.rhythm.leads.every((l) => l.samplesUv.length === 5000 && !l.derived && l.resolutionUv === 1)).toBe(true);
  });

  it('reads the numbers as microvolts, not as 2048 digits per mV (see onMicrovoltGrid)', () => {
    // Row values checked with numpy.genfromtxt(skip_header=3), rows 0, 2500 and 4999.
    expect(samplesAt(record, 'I', [0, 1, 4999])).toEqual([50, 40, -10]);
    expect(samplesAt(record, 'II', [0, 2500, 4999])).toEqual([-100, -140, 0]);
    expect(samplesAt(record, 'V2', [0, 2500, 4999])).toEqual([-250, -290, 140]);
    expect(samplesAt(record, 'aVR', [0, 2500, 4999])).toEqual([25, 100, 5]);
    expect(Math.max(...findLead(record, 'II').samplesUv)).toBe(2499);
    expect(Math.min(...findLead(record, 'V2').samplesUv)).toBe(-3438);
    expect(record.warnings).toEqual([
      'the preamble states a gain of 2048 per millivolt, but the values lie on a 5 µV grid, so they are read as microvolts',
    ]);
    expect(record.acquisition.comments).toEqual(['Sampling Rate (Hz): 500', 'Gain (digit/millivolt): 2048']);
  });
});

describe('CSV: Contec 0000050.ECG.csv (no header, no rate, empty precordial columns)', () => {
  const source = () => fileSource(sharedPath(CONTEC_CSV));

  it('refuses without a sampling rate, then without units, naming the file and the missing piece', () => {
    expect(() => parseEcg(source())).toThrow(
      '0000050.ECG.csv: does not state its sampling rate (no rate line such as "500 Hz" and no time column); give the sampling rate explicitly'
    );
    expect(() => parseEcg(source(), { sampleRateHz: 800 })).toThrow(
      '0000050.ECG.csv: does not state its amplitude units (lead I: no unit in the column name or a units line); give the microvolts per unit explicitly'
    );
  });

  it('decodes the six limb leads with explicit options and drops the empty columns', () => {
    const record = parseEcg(source(), { sampleRateHz: 800, uvPerUnit: 5 });
    expect(record.rhythm.sampleRateHz).toBe(800);
    expect(record.rhythm.leads.map((l) => [l.name, l.derived])).toEqual([
      ['I', false],
      ['II', false],
      ['III', false],
      ['aVR', false],
      ['aVL', false],
      ['aVF', false],
    ]);
    expect(findLead(record, 'I').samplesUv).toHaveLength(37855);
    expect(samplesAt(record, 'I', [0, 1000, 37854])).toEqual([-100, -265, -80]);
    expect(samplesAt(record, 'aVF', [0, 1000, 37854])).toEqual([-75, -175, -45]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBe(5);
    expect(record.warnings).toEqual([
      'no header row: the 12 columns are taken as I, II, III, aVR, aVL, aVF, V1–V6',
      'empty columns left out: V1, V2, V3, V4, V5, V6',
    ]);
  });
});

describe('Contec 0000050 across formats', () => {
  it('EDF and CSV carry the same digital values; the EDF calibration is 6.1× the SCP 5 µV/LSB', () => {
    const edf = parseEcg(fileSource(sharedPath('ecg/edf/0000050.ECG.edf')));
    // 5 µV per unit is what the SCP copy of this recording states (AVM 5 µV); the CSV says nothing.
    const csv = parseEcg(fileSource(sharedPath(CONTEC_CSV)), { sampleRateHz: 800, uvPerUnit: 5 });
    const edfUvPerDigit = (2000 / 65535) * 1000;
    const edfZeroUv = edfUvPerDigit / 2;
    for (const name of ['I', 'II', 'III', 'aVR', 'aVL', 'aVF']) {
      const fromEdf = findLead(edf, name).samplesUv;
      const fromCsv = findLead(csv, name).samplesUv;
      expect(fromEdf).toHaveLength(fromCsv.length);
      let mismatches = 0;
      for (let i = 0; i < fromCsv.length; i++) {
        const edfDigits = Math.round(((fromEdf[i] ?? 0) - edfZeroUv) / edfUvPerDigit);
        if (edfDigits !== (fromCsv[i] ?? 0) / 5) mismatches++;
      }
      expect(mismatches).toBe(0);
    }
    // The disagreement, documented: the EDF's physical range makes every amplitude 6.1× the SCP/CSV one.
    expect(edfUvPerDigit / 5).toBeCloseTo(6.1036, 4);
    expect(findLead(edf, 'II').samplesUv[1000]).toBeCloseTo(edfZeroUv + (findLead(csv, 'II').samplesUv[1000] ?? 0) * (edfUvPerDigit / 5), 2);
  });
});

describe('CSV dialects built in memory', () => {
  it('semicolons with decimal commas, mV in the header names and a time column in seconds', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${(i * 0.002).toFixed(3).replace('.', ',')};${(i / 100).toFixed(2).replace('.', ',')};-0,5`);
    const record = csvParser.parse(textSource('semi.csv', ['Time (s);I (mV);II (mV)', ...rows].join('\r\n')));
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.slice(0, 2).map((l) => l.name)).toEqual(['I', 'II']);
    expect(samplesAt(record, 'I', [0, 1, 19])).toEqual([0, 10, 190]);
    expect(samplesAt(record, 'II', [0, 19])).toEqual([-500, -500]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBeCloseTo(10, 9);
  });

  it('tabs, a "250 Hz" preamble, an index column and uV units', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i}\t${i * 3}\t${-i}`);
    const record = csvParser.parse(textSource('tab.csv', ['Recorded 250 Hz', 'sample\tV1 [uV]\tV2 [uV]', ...rows].join('\n')));
    expect(record.rhythm.sampleRateHz).toBe(250);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['V1', 'V2']);
    expect(samplesAt(record, 'V1', [0, 11])).toEqual([0, 33]);
    expect(samplesAt(record, 'V2', [11])).toEqual([-11]);
  });

  it('applies a stated gain when the data are raw counts', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i * 7 + 1},${-i * 3}`);
    const text = ['Sampling Rate (Hz): 1000', 'Gain (digit/millivolt): 200', 'I,II', ...rows].join('\n');
    const record = csvParser.parse(textSource('gain.csv', text));
    expect(samplesAt(record, 'I', [0, 29])).toEqual([5, 1020]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBe(5);
    expect(record.warnings).toEqual([]);
  });

  it('prefers what the file says to the options', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i}`);
    const record = csvParser.parse(textSource('one.csv', ['fs = 360', 'units: mV', ...rows].join('\n')), {
      sampleRateHz: 500,
      uvPerUnit: 1,
    });
    expect(record.rhythm.sampleRateHz).toBe(360);
    expect(samplesAt(record, 'Channel 1', [2])).toEqual([2000]);
  });
});

describe('CSV bad input', () => {
  it('rejects an empty file, random bytes and text without numbers', () => {
    expect(() => parseEcg(textSource('empty.csv', ''))).toThrow('empty.csv: the file is empty');
    let seed = 99;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 23;
    });
    const randomSource: ParseSource = { fileName: 'random.csv', bytes: random, readSibling: () => undefined };
    expect(parseError(randomSource).message).toMatch(/^random\.csv: (is not a text file|holds no table of numbers)/);
    expect(csvParser.sniff(randomSource)).toBe(false);
    expect(parseError(textSource('words.csv', 'name,city\nAda,London\n')).message).toBe(
      'words.csv: holds no table of numbers (expected one column per lead, separated by , ; or tab)'
    );
  });

  it('rejects a file whose every lead column is empty', () => {
    expect(parseError(textSource('blank.csv', 'I,II\n,\n,\n'), { sampleRateHz: 500, uvPerUnit: 1 }).message).toBe(
      'blank.csv: holds no table of numbers (expected one column per lead, separated by , ; or tab)'
    );
  });

  it('reads a truncated real file up to its last whole row', () => {
    const bytes = new Uint8Array(readFileSync(sharedPath('ecg/csv/ECG_12L.csv')));
    const cut = bytes.slice(0, 2000);
    const record = csvParser.parse({ fileName: 'ECG_12L.csv', bytes: cut, readSibling: () => undefined });
    const lengths = new Set(record.rhythm.leads.map((l) => l.samplesUv.length));
    expect(lengths.size).toBe(1);
    expect([...lengths][0]).toBeGreaterThan(20);
    expect(record.warnings).toContain("the last line '160,-' is an incomplete row (truncated file?) and was left out");
  });
});
