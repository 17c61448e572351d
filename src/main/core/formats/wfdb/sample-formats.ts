/**
 * WFDB signal file storage formats: turns the bytes of one signal file into a stream of ADC values
 * (frame-interleaved across the signals stored in that file).
 */

export const SUPPORTED_FORMATS = [8, 16, 24, 32, 61, 80, 160, 212] as const;

export function isSupportedFormat(format: number): boolean {
  return (SUPPORTED_FORMATS as readonly number[]).includes(format);
}

/** The ADC value WFDB writes for a sample it has no value for, per format; undefined where none exists. */
export function invalidSampleValue(format: number): number | undefined {
  switch (format) {
    case 16:
    case 61:
    case 160:
      return -32768;
    case 212:
      return -2048;
    case 80:
      return -128;
    case 24:
      return -8388608;
    case 32:
      return -2147483648;
    default:
      return undefined;
  }
}

/** How many whole samples `byteCount` bytes hold in this format. */
export function samplesInBytes(format: number, byteCount: number): number {
  switch (format) {
    case 8:
    case 80:
      return byteCount;
    case 16:
    case 61:
    case 160:
      return Math.floor(byteCount / 2);
    case 24:
      return Math.floor(byteCount / 3);
    case 32:
      return Math.floor(byteCount / 4);
    case 212:
      // Two samples per three bytes; a lone last sample takes two bytes.
      return Math.floor(byteCount / 3) * 2 + (byteCount % 3 === 2 ? 1 : 0);
    default:
      return 0;
  }
}

function signExtend(value: number, bits: number): number {
  const shift = 32 - bits;
  return (value << shift) >> shift;
}

/**
 * Decodes `count` consecutive samples of the stream. `initialValues` (one per signal in the file,
 * cycled in frame order) seeds format 8, which stores first differences.
 */
export function decodeSampleStream(
  format: number,
  bytes: Uint8Array,
  count: number,
  initialValues: readonly number[]
): Int32Array {
  const out = new Int32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 16:
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, true);
      break;
    case 61:
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, false);
      break;
    case 160:
      for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, true) - 32768;
      break;
    case 80:
      for (let i = 0; i < count; i++) out[i] = (bytes[i] ?? 0) - 128;
      break;
    case 24:
      for (let i = 0; i < count; i++) {
        const b = 3 * i;
        out[i] = signExtend((bytes[b] ?? 0) | ((bytes[b + 1] ?? 0) << 8) | ((bytes[b + 2] ?? 0) << 16), 24);
      }
      break;
    case 32:
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
      break;
    case 212:
      for (let i = 0; i < count; i++) {
        const b = 3 * (i >> 1);
        const middle = bytes[b + 1] ?? 0;
        const raw = (i & 1) === 0 ? (bytes[b] ?? 0) | ((middle & 0x0f) << 8) : (bytes[b + 2] ?? 0) | ((middle & 0xf0) << 4);
        out[i] = signExtend(raw, 12);
      }
      break;
    case 8: {
      const running = [...initialValues];
      for (let i = 0; i < count; i++) {
        const signal = i % running.length;
        running[signal] = (running[signal] ?? 0) + view.getInt8(i);
        out[i] = running[signal] ?? 0;
      }
      break;
    }
    default:
      throw new RangeError(`WFDB format ${format} is not supported`);
  }
  return out;
}
