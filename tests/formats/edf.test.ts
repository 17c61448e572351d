import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { edfParser } from '../../src/main/core/formats/edf/edf-parser.ts';
import { sharedPath } from '../support/shared-data.ts';
import { samplesAt } from '../support/record-leads.ts';

const CONTEC_EDF = 'ecg/edf/0000050.ECG.edf';
const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];


function memorySource(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}

function parseError(fileName: string, bytes: Uint8Array): EcgParseError {
  try {
    edfParser.parse(memorySource(fileName, bytes));
  } catch (error) {
    if (error instanceof EcgParseError) return error;
    throw error;
  }
  throw new Error('expected an EcgParseError');
}

function ascii(text: string, width: number): string {
  return text.padEnd(width, ' ').slice(0, width);
}

/** A small EDF+ file: two ECG signals at 4 samples per 1-s record and an annotation signal. */
function edfPlusFile(): Uint8Array {
  const signals = [
    { label: 'ECG I', dim: 'uV', pmin: -3200, pmax: 3200, dmin: -32000, dmax: 32000, spr: 4, filter: 'HP:0.05Hz LP:150Hz N:50Hz' },
    { label: 'ECG II', dim: 'uV', pmin: -3200, pmax: 3200, dmin: -32000, dmax: 32000, spr: 4, filter: '' },
    { label: 'EDF Annotations', dim: '', pmin: -1, pmax: 1, dmin: -32768, dmax: 32767, spr: 16, filter: '' },
  ];
  const records = 2;
  let header =
    ascii('0', 8) +
    ascii('MCH-0234567 F 02-MAY-1951 Haagse_Harry', 80) +
    ascii('Startdate 02-MAR-2002 EMG561 BK/JOP Sony._MNC_R_Master', 80) +
    ascii('02.03.02', 8) +
    ascii('16.15.00', 8) +
    ascii(String(256 * (signals.length + 1)), 8) +
    ascii('EDF+C', 44) +
    ascii(String(records), 8) +
    ascii('1', 8) +
    ascii(String(signals.length), 4);
  const fields: [keyof (typeof signals)[number] | 'transducer' | 'reserved', number][] = [
    ['label', 16], ['transducer', 80], ['dim', 8], ['pmin', 8], ['pmax', 8], ['dmin', 8], ['dmax', 8], ['filter', 80], ['spr', 8], ['reserved', 32],
  ];
  for (const [key, width] of fields) {
    for (const s of signals) header += ascii(key === 'transducer' || key === 'reserved' ? '' : String(s[key]), width);
  }
  const recordBytes = (4 + 4 + 16) * 2;
  const data = new Uint8Array(records * recordBytes);
  const view = new DataView(data.buffer);
  const tals = ['+0\x14\x14\x00+0.5\x150.25\x14P wave\x14\x00', '+1\x14\x14\x00+1.75\x14Beat\x14\x00'];
  for (let r = 0; r < records; r++) {
    const base = r * recordBytes;
    for (let i = 0; i < 4; i++) {
      view.setInt16(base + 2 * i, 100 * (r * 4 + i), true);
      view.setInt16(base + 8 + 2 * i, -50 * (r * 4 + i), true);
    }
    data.set(new TextEncoder().encode(tals[r]), base + 16);
  }
  const file = new Uint8Array(header.length + data.length);
  file.set(new TextEncoder().encode(header), 0);
  file.set(data, header.length);
  return file;
}

describe('EDF: Contec 0000050.ECG.edf (1 sample per data record)', () => {
  const record = parseEcg(fileSource(sharedPath(CONTEC_EDF)));

  it('decodes 12 signals at 800 Hz, 37,855 samples (47.3 s)', () => {
    expect(record.format).toBe('edf');
    expect(record.rhythm.sampleRateHz).toBe(800);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(record.rhythm.leads.every((l) => l.samplesUv.length === 37855 && !l.derived)).toBe(true);
    expect(record.acquisition.dateTime).toBe('2020-11-16T21:44:39');
  });

  it('scales by what the header says: ±1000 mV over ±32767 digits, 30.5 µV per digit', () => {
    // numpy: (-1000 + (d + 32768) × 2000 / 65535) × 1000 for digital values -20, -53, -16 of lead I.
    expect(samplesAt(record, 'I', [0, 1000, 37854])).toEqual([-595.102, -1602.197, -473.03]);
    expect(samplesAt(record, 'II', [0, 1000, 37854])).toEqual([-747.692, -1876.86, -503.548]);
    expect(samplesAt(record, 'aVF', [0, 1000, 37854])).toEqual([-442.512, -1052.873, -259.403]);
    // Digital 0 is half a step above 0 µV in this calibration, so no integer resolution is claimed.
    expect(samplesAt(record, 'V1', [0, 37854])).toEqual([15.259, 15.259]);
    expect(record.rhythm.leads[0]?.resolutionUv).toBeUndefined();
  });

  it('warns that the precordial leads are flat', () => {
    expect(record.warnings).toEqual(['leads V1, V2, V3, V4, V5, V6 are flat (one value throughout): probably not recorded']);
  });
});

describe('EDF+ built in memory', () => {
  const record = edfPlusFile();

  it('reads the patient and recording fields, filters, samples and annotations', () => {
    const parsed = edfParser.parse(memorySource('small.edf', record));
    expect(parsed.rhythm.sampleRateHz).toBe(4);
    expect(parsed.rhythm.leads.map((l) => [l.name, l.derived])).toEqual([
      ['I', false],
      ['II', false],
      ['III', true],
      ['aVR', true],
      ['aVL', true],
      ['aVF', true],
    ]);
    expect(samplesAt(parsed, 'I', [0, 1, 7])).toEqual([0, 10, 70]);
    expect(samplesAt(parsed, 'II', [0, 1, 7])).toEqual([0, -5, -35]);
    expect(parsed.rhythm.leads[0]?.resolutionUv).toBeCloseTo(0.1, 12);
    expect(parsed.patient).toEqual({ id: 'MCH-0234567', sex: 'F', birthDate: '1951-05-02', familyName: 'Haagse Harry' });
    expect(parsed.acquisition).toMatchObject({ dateTime: '2002-03-02T16:15:00', device: 'Sony. MNC R Master', highPassHz: 0.05, lowPassHz: 150, notchHz: 50 });
    expect(parsed.annotations).toEqual([
      { set: 'edf+', timeS: 0.5, endTimeS: 0.75, code: 'P wave' },
      { set: 'edf+', timeS: 1.75, code: 'Beat' },
    ]);
  });

  it('rejects a record whose time-keeping shows a gap (EDF+D)', () => {
    const gapped = record.slice();
    const at = gapped.length - 48 + 16;
    gapped.set(new TextEncoder().encode('+5\x14\x14\x00'), at);
    expect(parseError('gap.edf', gapped).message).toMatch(/gap\.edf: EDF\+ data record 2 starts at 5 s, not 1 s/);
  });
});

describe('EDF bad input', () => {
  const contec = new Uint8Array(readFileSync(sharedPath(CONTEC_EDF)));

  it('rejects a truncated file naming the shortfall', () => {
    expect(parseError('0000050.ECG.edf', contec.slice(0, 3328 + 24 * 1000 + 7)).message).toBe(
      '0000050.ECG.edf: is truncated: the header declares 37855 data records of 24 bytes, the file holds 1000'
    );
  });

  it('rejects a header whose size disagrees with its signal count (a lie about the lead count)', () => {
    const lying = contec.slice();
    lying.set(new TextEncoder().encode('13  '), 252);
    expect(parseError('0000050.ECG.edf', lying).message).toBe(
      "0000050.ECG.edf: EDF header says it is 3328 bytes, but 13 signals make it 3584"
    );
  });

  it('rejects an empty file, random bytes and a cut header', () => {
    expect(() => parseEcg(memorySource('empty.edf', new Uint8Array(0)))).toThrow('empty.edf: the file is empty');
    let seed = 7;
    const random = Uint8Array.from({ length: 2048 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 23;
    });
    expect(parseError('random.edf', random).message).toMatch(/^random\.edf: EDF version is '.*', not '0'$/s);
    expect(edfParser.sniff(memorySource('random.edf', random))).toBe(false);
    expect(parseError('cut.edf', contec.slice(0, 100)).message).toBe('cut.edf: is 100 bytes, shorter than the 256-byte EDF header');
    expect(parseError('cut.edf', contec.slice(0, 1000)).message).toBe('cut.edf: is truncated inside its EDF header (1000 of 3328 bytes)');
  });

  it('rejects an empty calibration range naming the lead', () => {
    const broken = contec.slice();
    const digitalMaxStart = 256 + 12 * (16 + 80 + 8 + 8 + 8 + 8);
    broken.set(new TextEncoder().encode('-32768  '), digitalMaxStart);
    expect(parseError('0000050.ECG.edf', broken).message).toBe(
      '0000050.ECG.edf: lead I has an empty calibration range (digital -32768…-32768, physical -1000…1000)'
    );
  });
});
