/**
 * Philips XLI waveform compression, per the sierra-ecg-tools description of the format: one chunk per
 * lead, each an 8-byte header (int32 compressed size, int16 always 1, int16 first delta code)
 * followed by LZW data; the decompressed bytes hold the 16-bit delta codes as all high bytes then all
 * low bytes; each sample is then predicted from the two before it.
 */
import { decodeLzw10, LzwFormatError } from './lzw-decoder.ts';

const CHUNK_HEADER_BYTES = 8;

export class XliFormatError extends Error {}

function unpackDeltaCodes(bytes: Uint8Array): Int16Array {
  const sampleCount = Math.ceil(bytes.length / 2);
  const codes = new Int16Array(sampleCount);
  // An odd length leaves the last low byte missing; it reads as zero.
  for (let i = 0; i < sampleCount; i++) codes[i] = (bytes[i] << 8) | (bytes[sampleCount + i] ?? 0);
  return codes;
}

function undoDeltaCoding(codes: Int16Array, firstDelta: number): Int16Array {
  if (codes.length < 3) return codes;
  let x = codes[0];
  let y = codes[1];
  let previousCode = firstDelta;
  for (let i = 2; i < codes.length; i++) {
    const z = 2 * y - x - previousCode;
    previousCode = codes[i] - 64;
    codes[i] = z;
    x = y;
    y = codes[i];
  }
  return codes;
}

/**
 * Decodes the first `leadCount` chunks to raw int16 samples (limb leads still as stored by the device).
 * Throws XliFormatError when a chunk is truncated or its LZW stream is corrupt.
 */
export function decodeXli(data: Uint8Array, leadCount: number, maxSamplesPerLead: number): Int16Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const leads: Int16Array[] = [];
  let offset = 0;
  while (leads.length < leadCount) {
    const chunk = leads.length + 1;
    if (offset + CHUNK_HEADER_BYTES > data.length) {
      throw new XliFormatError(`holds ${leads.length} lead chunk(s) where ${leadCount} were declared`);
    }
    const compressedBytes = view.getInt32(offset, true);
    const firstDelta = view.getInt16(offset + 6, true);
    offset += CHUNK_HEADER_BYTES;
    if (compressedBytes < 0 || offset + compressedBytes > data.length) {
      throw new XliFormatError(`chunk ${chunk} declares ${compressedBytes} bytes but only ${data.length - offset} remain`);
    }
    let bytes: Uint8Array;
    try {
      bytes = decodeLzw10(data.subarray(offset, offset + compressedBytes), 2 * maxSamplesPerLead);
    } catch (error) {
      if (error instanceof LzwFormatError) throw new XliFormatError(`chunk ${chunk}: ${error.message}`);
      throw error;
    }
    offset += compressedBytes;
    leads.push(undoDeltaCoding(unpackDeltaCodes(bytes), firstDelta));
  }
  return leads;
}
