import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWfdbAnnotations } from '../../src/main/core/formats/wfdb/annotations.ts';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { sharedPath } from '../support/shared-data.ts';

const LUDB_DATA = 'refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data';

function read(relativePath: string): Uint8Array {
  return readFileSync(sharedPath(relativePath));
}

function countByCode(codes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe('parseWfdbAnnotations', () => {
  it('reads MIT-BIH 100.atr: 2239 N, 33 A, 1 V beats and the opening rhythm note', () => {
    const annotations = parseWfdbAnnotations(read('ecg/wfdb/mitdb/100.atr'), '100.atr');
    expect(annotations).toHaveLength(2274);
    expect(countByCode(annotations.map((a) => a.code))).toEqual({ N: 2239, A: 33, V: 1, '+': 1 });
    expect(annotations[0]).toEqual({ sample: 18, code: '+', subtype: 0, chan: 0, num: 0, aux: '(N' });
    expect(annotations.slice(1, 4).map((a) => a.sample)).toEqual([77, 370, 662]);
    expect(annotations.at(-1)?.sample).toBe(649991);
  });

  it('reads a LUDB per-lead file with wave onsets, peaks and offsets', () => {
    const annotations = parseWfdbAnnotations(read(`${LUDB_DATA}/1.i`), '1.i');
    expect(annotations).toHaveLength(48);
    expect(countByCode(annotations.map((a) => a.code))).toEqual({ '(': 16, ')': 16, N: 6, t: 5, p: 5 });
    expect(annotations.slice(0, 5).map((a) => [a.sample, a.code])).toEqual([
      [641, '('],
      [664, 'N'],
      [690, ')'],
      [773, '('],
      [840, 't'],
    ]);
  });

  it('follows QTDB SKIP and NUM pseudo-annotations in sel100.q1c', () => {
    const annotations = parseWfdbAnnotations(read('refdata/qtdb/qtdb/sel100.q1c'), 'sel100.q1c');
    expect(annotations).toHaveLength(240);
    // The file opens with a SKIP to the first annotated beat, 150272 samples in.
    expect(annotations[0]).toMatchObject({ sample: 150272, code: '(', num: 0 });
    expect(annotations[3]).toMatchObject({ sample: 150316, code: '(', num: 1 });
    expect(annotations[7]).toMatchObject({ sample: 150419, code: ')', num: 2 });
    expect(annotations.at(-1)).toMatchObject({ sample: 156196, code: ')', num: 2 });
  });

  it('carries the CHN channel number in QTDB sel100.pu', () => {
    const annotations = parseWfdbAnnotations(read('refdata/qtdb/qtdb/sel100.pu'), 'sel100.pu');
    expect(annotations).toHaveLength(21627);
    expect(annotations.slice(0, 3).map((a) => [a.sample, a.code, a.chan])).toEqual([
      [83, '(', 0],
      [92, '(', 1],
      [104, 'p', 0],
    ]);
  });

  it('names the file when an AUX string runs past the end', () => {
    const bytes = read('ecg/wfdb/mitdb/100.atr').slice(0, 5);
    expect(() => parseWfdbAnnotations(bytes, '100.atr')).toThrow(EcgParseError);
    expect(() => parseWfdbAnnotations(bytes, '100.atr')).toThrow(/100\.atr: .*AUX/);
  });
});
