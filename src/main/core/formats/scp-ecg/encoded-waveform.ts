/**
 * Sections 5 (reference beats) and 6 (rhythm data): the shared header (AVM, sample interval,
 * difference coding, bimodal flag), per-lead byte counts, and the decoded sample counts per lead.
 */
import type { ByteReader } from './byte-reader.ts';
import { decodeHuffman, type HuffmanTable } from './huffman.ts';
import { ScpFormatError } from './scp-format-error.ts';

export interface EncodedWaveformHeader {
  /** Amplitude value multiplier: nanovolts per count. */
  avmNv: number;
  sampleIntervalUs: number;
  /** 0: none, 1: first differences, 2: second differences. */
  differenceOrder: 0 | 1 | 2;
  bimodalCompression: boolean;
  leadByteCounts: number[];
  /** Offset of the first lead's data in the section body. */
  dataOffset: number;
}

export function readEncodedWaveformHeader(body: ByteReader, leadCount: number): EncodedWaveformHeader {
  const section = body.part;
  const avmNv = body.u16(0, 'amplitude value multiplier');
  const sampleIntervalUs = body.u16(2, 'sample time interval');
  const differenceOrder = body.u8(4, 'difference data flag');
  const bimodal = body.u8(5, 'bimodal compression flag');
  if (avmNv === 0) throw new ScpFormatError(`${section}: amplitude value multiplier is 0`);
  if (sampleIntervalUs === 0) throw new ScpFormatError(`${section}: sample time interval is 0`);
  if (differenceOrder !== 0 && differenceOrder !== 1 && differenceOrder !== 2) {
    throw new ScpFormatError(`${section}: unknown difference coding ${differenceOrder} (0, 1 or 2 expected)`);
  }
  const leadByteCounts: number[] = [];
  for (let i = 0; i < leadCount; i++) leadByteCounts.push(body.u16(6 + 2 * i, `byte count of lead ${i + 1}`));
  const dataOffset = 6 + 2 * leadCount;
  const dataBytes = leadByteCounts.reduce((sum, n) => sum + n, 0);
  if (dataOffset + dataBytes > body.length) {
    throw new ScpFormatError(`${section} is truncated: its leads need ${dataBytes} bytes of data, ${Math.max(0, body.length - dataOffset)} are present`);
  }
  return { avmNv, sampleIntervalUs, differenceOrder, bimodalCompression: bimodal !== 0, leadByteCounts, dataOffset };
}

function undoDifferences(values: Int32Array, order: 0 | 1 | 2): Float64Array {
  // Float64 so that corrupt second differences grow without wrapping.
  const counts = Float64Array.from(values);
  if (order === 1) {
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  } else if (order === 2) {
    for (let i = 2; i < counts.length; i++) counts[i] += 2 * counts[i - 1] - counts[i - 2];
  }
  return counts;
}

function readInt16Samples(stream: Uint8Array, sampleCount: number): Int32Array {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const values = new Int32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) values[i] = view.getInt16(2 * i, true);
  return values;
}

export interface DecodedLeads {
  /** Sample counts (ADC units) per lead, differences undone. */
  counts: Float64Array[];
  warnings: string[];
}

/**
 * Decodes every lead. With Huffman tables, exactly `expectedSamples[i]` are read per lead; without,
 * the data are raw int16 and the stored byte count decides, with a warning when it disagrees.
 */
export function decodeLeads(
  body: ByteReader,
  header: EncodedWaveformHeader,
  leadNames: readonly string[],
  expectedSamples: readonly number[],
  tables: readonly HuffmanTable[] | undefined
): DecodedLeads {
  const counts: Float64Array[] = [];
  const mismatches = new Map<string, string[]>();
  let offset = header.dataOffset;
  for (let i = 0; i < leadNames.length; i++) {
    const byteCount = header.leadByteCounts[i];
    const stream = body.slice(offset, byteCount, `data of lead ${leadNames[i]}`);
    offset += byteCount;
    const where = `${body.part} lead ${leadNames[i]}`;
    let values: Int32Array;
    if (tables) {
      values = decodeHuffman(stream, tables, expectedSamples[i], where);
    } else {
      const storedSamples = Math.floor(byteCount / 2);
      if (storedSamples !== expectedSamples[i]) {
        const key = `${storedSamples} samples stored where section 3 declares ${expectedSamples[i]}`;
        mismatches.set(key, [...(mismatches.get(key) ?? []), leadNames[i]]);
      }
      values = readInt16Samples(stream, storedSamples);
    }
    counts.push(undoDifferences(values, header.differenceOrder));
  }
  const warnings = [...mismatches].map(
    ([mismatch, leads]) => `${body.part}: ${mismatch} (lead ${leads.join(', ')}); the stored samples are used`
  );
  return { counts, warnings };
}
