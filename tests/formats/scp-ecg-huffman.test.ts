import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/main/core/formats/scp-ecg/byte-reader.ts';
import { decodeHuffman, DEFAULT_HUFFMAN_TABLES, readHuffmanTables } from '../../src/main/core/formats/scp-ecg/huffman.ts';
import { readScp } from './scp-ecg-fixtures.ts';

/**
 * Section 2 bytes spelling out the standard's default table as a custom table, with the base codes
 * stored bit-reversed as EN 1064 writes them (e.g. +1 = "100" is stored as 1).
 */
function defaultTableAsSection2(): Uint8Array {
  const prefixBits = [1, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 10, 10];
  const totalBits = [1, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 18, 26];
  const baseValues = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 0, 0];
  const storedCodes = [0, 1, 5, 3, 11, 7, 23, 15, 47, 31, 95, 63, 191, 127, 383, 255, 767, 511, 1023];
  const bytes = new Uint8Array(4 + 19 * 9);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 1, true);
  view.setUint16(2, 19, true);
  for (let i = 0; i < 19; i++) {
    const offset = 4 + i * 9;
    view.setUint8(offset, prefixBits[i]);
    view.setUint8(offset + 1, totalBits[i]);
    view.setUint8(offset + 2, 1);
    view.setInt16(offset + 3, baseValues[i], true);
    view.setUint32(offset + 5, storedCodes[i], true);
  }
  return bytes;
}

describe('SCP-ECG Huffman tables', () => {
  // Lead I of the Welch Allyn file: section 6 body at byte 2094 + 16, data after the 22-byte header.
  const file = readScp('ECG_20070321_110542_ANON000004.SCP');
  const leadI = file.subarray(2094 + 16 + 22, 2094 + 16 + 22 + 2783);

  it('decodes real data identically with a custom table that restates the default one', () => {
    const custom = readHuffmanTables(new ByteReader(defaultTableAsSection2(), 'section 2'));
    const viaDefault = decodeHuffman(leadI, DEFAULT_HUFFMAN_TABLES, 6000, 'lead I');
    const viaCustom = decodeHuffman(leadI, custom, 6000, 'lead I');
    expect(Array.from(viaCustom)).toEqual(Array.from(viaDefault));
    // First differences of lead I (5, 6, 7, 7, 8, 9 counts).
    expect(Array.from(viaDefault.slice(0, 6))).toEqual([5, 1, 1, 0, 1, 1]);
  });

  it('recognises the default-table marker 19999', () => {
    const marker = new Uint8Array([0x1f, 0x4e]);
    expect(readHuffmanTables(new ByteReader(marker, 'section 2'))).toBe(DEFAULT_HUFFMAN_TABLES);
  });

  it('follows a table-switch code and rejects a switch to a missing table', () => {
    const bytes = defaultTableAsSection2();
    const view = new DataView(bytes.buffer);
    // Turn code 19 (ten ones + 16 bits) into "switch to table 1".
    view.setUint8(4 + 18 * 9 + 1, 10);
    view.setUint8(4 + 18 * 9 + 2, 0);
    view.setInt16(4 + 18 * 9 + 3, 1, true);
    const tables = readHuffmanTables(new ByteReader(bytes, 'section 2'));
    // 0xFF 0xC0: ten ones (switch), then "0" → value 0; then zeros.
    expect(Array.from(decodeHuffman(new Uint8Array([0xff, 0xc0]), tables, 3, 'x'))).toEqual([0, 0, 0]);
    view.setInt16(4 + 18 * 9 + 3, 2, true);
    expect(() => readHuffmanTables(new ByteReader(bytes, 'section 2'))).toThrow(/switches to table 2, which does not exist/);
  });
});
