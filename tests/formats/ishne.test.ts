/**
 * ISHNE Holter on the real ECG_P28.01 pair in ../shared/ecg/ishne. Header values, sample frames and
 * annotation counts were checked with an independent Python decode (struct, binascii.crc_hqx).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ishneParser } from '../../src/main/core/formats/ishne/ishne-parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { crcCcitt } from '../../src/main/core/formats/scp-ecg/crc-ccitt.ts';
import { recordDurationS, type EcgRecord } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';

const ECG_PATH = sharedPath('ecg', 'ishne', 'ECG_P28.01.ecg');
const ANN_BYTES = new Uint8Array(readFileSync(sharedPath('ecg', 'ishne', 'ECG_P28.01.ann')));
const ECG_BYTES = new Uint8Array(readFileSync(ECG_PATH));

function memorySource(bytes: Uint8Array, annotation?: Uint8Array, fileName = 'holter.ecg'): ParseSource {
  return { fileName, bytes, readSibling: (name) => (name === fileName.replace(/\.ecg$/, '.ann') ? annotation : undefined) };
}

/** A copy with the header edited and its CRC recomputed (or left stale when `fixCrc` is false). */
function editedHeader(edit: (view: DataView) => void, fixCrc = true): Uint8Array {
  const copy = Uint8Array.from(ECG_BYTES);
  const view = new DataView(copy.buffer);
  edit(view);
  if (fixCrc) view.setUint16(8, crcCcitt(copy, 10, 522), true);
  return copy;
}

describe('ISHNE: ECG_P28.01', () => {
  const record: EcgRecord = ishneParser.parse(fileSource(ECG_PATH));

  it('decodes 12 leads at 1 kHz for 95.573 s with 5 µV resolution', () => {
    expect(record.format).toBe('ishne');
    expect(record.rhythm.sampleRateHz).toBe(1000);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    for (const l of record.rhythm.leads) {
      expect(l.samplesUv.length).toBe(95_573);
      expect(l.resolutionUv).toBe(5);
      expect(l.derived).toBe(false);
    }
    expect(recordDurationS(record.rhythm)).toBeCloseTo(95.573, 6);
    expect(record.warnings).toEqual([]);
  });

  it('de-interleaves samples and scales them by the per-lead nV resolution', () => {
    const frame = (i: number): number[] => record.rhythm.leads.map((l) => l.samplesUv[i] / 5);
    expect(frame(0)).toEqual([3, 8, 5, -5, -1, 6, -2, -3, -2, 20, 16, 6]);
    expect(frame(1)).toEqual([2, 7, 5, -4, -1, 6, -2, -4, -3, 20, 16, 6]);
    expect(frame(50_000)).toEqual([6, -3, -9, -1, 7, -6, 1, 3, -1, -2, -6, -2]);
  });

  it('reads the header fields', () => {
    expect(record.patient).toEqual({ id: 'ECG_P28.01', familyName: 'none', givenName: 'none', sex: 'U' });
    expect(record.acquisition.dateTime).toBe('2000-01-01T07:00:00');
  });

  it('reads the .ann beat annotations: 97 beats, 87 N and 10 X, mean RR 0.986 s', () => {
    expect(record.sourceFiles).toEqual(['ECG_P28.01.ecg', 'ECG_P28.01.ann']);
    const beats = record.annotations;
    expect(beats).toHaveLength(97);
    expect(beats.every((a) => a.set === 'ann')).toBe(true);
    expect(beats.filter((a) => a.code === 'N')).toHaveLength(87);
    expect(beats.filter((a) => a.code === 'X')).toHaveLength(10);
    expect(beats[0]).toEqual({ set: 'ann', timeS: 0.804, code: 'N', description: 'normal beat' });
    expect(beats[1].timeS).toBeCloseTo(1.799, 9);
    const meanRrS = (beats[96].timeS - beats[0].timeS) / 96;
    expect(meanRrS).toBeCloseTo(0.986, 3);
  });

  it('is chosen by the registry for .ecg by its magic', () => {
    expect(parseEcg(fileSource(ECG_PATH)).format).toBe('ishne');
  });
});

describe('ISHNE: bad input', () => {
  it('rejects a header whose CRC does not match', () => {
    const damaged = editedHeader((view) => view.setUint8(28, 'X'.charCodeAt(0)), false);
    expect(() => ishneParser.parse(memorySource(damaged))).toThrow(/holter\.ecg: header CRC mismatch \(stored 0xe212, computed 0x[0-9a-f]{4}\)/);
  });

  it('accepts a header whose writer left the CRC at zero, with a warning', () => {
    const unchecked = editedHeader((view) => view.setUint16(8, 0, true), false);
    expect(ishneParser.parse(memorySource(unchecked)).warnings).toContain('the header carries no checksum (0); it could not be verified');
  });

  it('reads what a truncated file holds and says so', () => {
    const truncated = ECG_BYTES.subarray(0, 522 + 24 * 100 + 7);
    const record = ishneParser.parse(memorySource(truncated));
    expect(record.rhythm.leads[0].samplesUv.length).toBe(100);
    expect(record.warnings[0]).toMatch(/declares 95573 samples per lead but the file holds 100/);
  });

  it('rejects impossible header values', () => {
    expect(() => ishneParser.parse(memorySource(editedHeader((view) => view.setInt16(156, 13, true))))).toThrow(/declares 13 leads/);
    expect(() => ishneParser.parse(memorySource(editedHeader((view) => view.setInt16(272, 0, true))))).toThrow(/sampling rate of 0 Hz/);
    expect(() => ishneParser.parse(memorySource(editedHeader((view) => view.setInt16(206, 0, true))))).toThrow(/lead 1 has an amplitude resolution of 0 nV/);
    expect(() => ishneParser.parse(memorySource(editedHeader((view) => view.setInt32(22, 99_999_999, true))))).toThrow(/data offset 99999999/);
  });

  it('rejects empty, short and random files with EcgParseError', () => {
    expect(() => ishneParser.parse(memorySource(new Uint8Array(0)))).toThrow(EcgParseError);
    expect(() => ishneParser.parse(memorySource(ECG_BYTES.subarray(0, 300)))).toThrow(/shorter than the 522-byte ISHNE header/);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(() => ishneParser.parse(memorySource(random))).toThrow(/not an ISHNE file/);
  });

  it('reads the signal without annotations when the .ann file is missing or damaged', () => {
    expect(ishneParser.parse(memorySource(ECG_BYTES)).annotations).toEqual([]);
    const damagedAnn = Uint8Array.from(ANN_BYTES);
    damagedAnn[8] = 0x12;
    damagedAnn[30] ^= 0xff;
    const record = ishneParser.parse(memorySource(ECG_BYTES, damagedAnn));
    expect(record.annotations).toEqual([]);
    expect(record.warnings).toContain('holter.ann fails its header CRC check; annotations not read');
    expect(ishneParser.parse(memorySource(ECG_BYTES, ANN_BYTES)).annotations).toHaveLength(97);
  });
});
