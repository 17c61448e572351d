/**
 * SCP-ECG Huffman tables (section 2) and the bit-stream decoder for sections 5 and 6.
 * No maintained JS library reads SCP-ECG, so this follows EN 1064 directly.
 */
import type { ByteReader } from './byte-reader.ts';
import { ScpFormatError } from './scp-format-error.ts';

/** Section 2 value meaning "use the standard's default table". */
export const DEFAULT_HUFFMAN_TABLE_ID = 19999;

export interface HuffmanCode {
  prefixBits: number;
  /** Prefix bits as they appear in the stream, first bit most significant. */
  prefix: number;
  /** Prefix plus the bits of an explicitly coded value that follow it. */
  totalBits: number;
  /** False: this code switches to table `baseValue` (1-based) and yields no sample. */
  yieldsValue: boolean;
  baseValue: number;
}

export type HuffmanTable = readonly HuffmanCode[];

function defaultTable(): HuffmanTable {
  const codes: HuffmanCode[] = [{ prefixBits: 1, prefix: 0, totalBits: 1, yieldsValue: true, baseValue: 0 }];
  // Value ±v is v ones, a zero, then 0 for + or 1 for −; ±8 ends the run at nine ones.
  for (let magnitude = 1; magnitude <= 8; magnitude++) {
    const prefixBits = magnitude + 2;
    const ones = ((1 << magnitude) - 1) << 2;
    codes.push({ prefixBits, prefix: ones, totalBits: prefixBits, yieldsValue: true, baseValue: magnitude });
    codes.push({ prefixBits, prefix: ones | 1, totalBits: prefixBits, yieldsValue: true, baseValue: -magnitude });
  }
  // Ten-bit escapes followed by the value itself as 8- or 16-bit two's complement.
  codes.push({ prefixBits: 10, prefix: 0b1111111110, totalBits: 18, yieldsValue: true, baseValue: 0 });
  codes.push({ prefixBits: 10, prefix: 0b1111111111, totalBits: 26, yieldsValue: true, baseValue: 0 });
  return codes;
}

export const DEFAULT_HUFFMAN_TABLES: readonly HuffmanTable[] = [defaultTable()];

function reverseBits(value: number, bitCount: number): number {
  let reversed = 0;
  for (let i = 0; i < bitCount; i++) reversed = (reversed << 1) | ((value >>> i) & 1);
  return reversed;
}

/** Reads section 2: the default table marker or the custom tables. */
export function readHuffmanTables(body: ByteReader): readonly HuffmanTable[] {
  const tableCount = body.u16(0, 'number of Huffman tables');
  if (tableCount === DEFAULT_HUFFMAN_TABLE_ID) return DEFAULT_HUFFMAN_TABLES;
  if (tableCount === 0) throw new ScpFormatError('section 2 declares no Huffman tables');
  const tables: HuffmanTable[] = [];
  let offset = 2;
  for (let t = 0; t < tableCount; t++) {
    const codeCount = body.u16(offset, `code count of Huffman table ${t + 1}`);
    offset += 2;
    if (codeCount === 0) throw new ScpFormatError(`section 2: Huffman table ${t + 1} has no codes`);
    const codes: HuffmanCode[] = [];
    for (let c = 0; c < codeCount; c++, offset += 9) {
      const where = `Huffman table ${t + 1} code ${c + 1}`;
      const prefixBits = body.u8(offset, where);
      const totalBits = body.u8(offset + 1, where);
      const modeSwitch = body.u8(offset + 2, where);
      const baseValue = body.i16(offset + 3, where);
      const baseCode = body.u32(offset + 5, where);
      if (prefixBits < 1 || prefixBits > 32 || totalBits < prefixBits || totalBits - prefixBits > 32) {
        throw new ScpFormatError(`section 2: ${where} has impossible bit counts (${prefixBits} prefix, ${totalBits} total)`);
      }
      if (modeSwitch === 0 && (baseValue < 1 || baseValue > tableCount)) {
        throw new ScpFormatError(`section 2: ${where} switches to table ${baseValue}, which does not exist`);
      }
      // The standard stores base codes with their first-transmitted bit least significant.
      codes.push({ prefixBits, prefix: reverseBits(baseCode, prefixBits), totalBits, yieldsValue: modeSwitch !== 0, baseValue });
    }
    tables.push(codes);
  }
  return tables;
}

/** One table indexed by prefix length for lookup while reading bit by bit. */
interface PreparedTable {
  maxPrefixBits: number;
  byLength: Map<number, HuffmanCode>[];
}

function prepare(table: HuffmanTable): PreparedTable {
  const maxPrefixBits = table.reduce((m, code) => Math.max(m, code.prefixBits), 0);
  const byLength = Array.from({ length: maxPrefixBits + 1 }, () => new Map<number, HuffmanCode>());
  for (const code of table) byLength[code.prefixBits].set(code.prefix >>> 0, code);
  return { maxPrefixBits, byLength };
}

/**
 * Decodes `sampleCount` values from one lead's byte stream. Every step consumes at least one bit,
 * so the loop ends within 8 × bytes steps whatever the data says.
 */
export function decodeHuffman(
  stream: Uint8Array,
  tables: readonly HuffmanTable[],
  sampleCount: number,
  where: string
): Int32Array {
  // Every sample takes at least one bit: refuse impossible counts before allocating for them.
  if (sampleCount > stream.length * 8) {
    throw new ScpFormatError(`${where}: ${sampleCount} samples declared but ${stream.length} bytes of Huffman data hold at most ${stream.length * 8}`);
  }
  const prepared = tables.map(prepare);
  const values = new Int32Array(sampleCount);
  const totalBits = stream.length * 8;
  let bitPosition = 0;
  let table = prepared[0];
  const readBit = (): number => {
    const bit = (stream[bitPosition >>> 3] >>> (7 - (bitPosition & 7))) & 1;
    bitPosition++;
    return bit;
  };
  let produced = 0;
  while (produced < sampleCount) {
    let prefix = 0;
    let code: HuffmanCode | undefined;
    for (let length = 1; length <= table.maxPrefixBits; length++) {
      if (bitPosition >= totalBits) {
        throw new ScpFormatError(`${where}: Huffman data ends after ${produced} of ${sampleCount} samples`);
      }
      prefix = ((prefix << 1) | readBit()) >>> 0;
      code = table.byLength[length].get(prefix);
      if (code) break;
    }
    if (!code) throw new ScpFormatError(`${where}: invalid Huffman code at bit ${bitPosition} (sample ${produced + 1})`);
    if (!code.yieldsValue) {
      table = prepared[code.baseValue - 1];
      continue;
    }
    const extraBits = code.totalBits - code.prefixBits;
    if (extraBits === 0) {
      values[produced++] = code.baseValue;
      continue;
    }
    if (bitPosition + extraBits > totalBits) {
      throw new ScpFormatError(`${where}: Huffman data ends inside sample ${produced + 1} of ${sampleCount}`);
    }
    let raw = 0;
    for (let i = 0; i < extraBits; i++) raw = raw * 2 + readBit();
    // Explicit values are two's complement of `extraBits` bits.
    values[produced++] = raw >= 2 ** (extraBits - 1) ? raw - 2 ** extraBits : raw;
  }
  return values;
}
