/**
 * Bounds-checked little-endian reads over one part of an SCP-ECG file. Every read past the end
 * throws ScpFormatError naming the part, so a truncated or lying length never reads garbage.
 */
import { ScpFormatError } from './scp-format-error.ts';

export class ByteReader {
  readonly bytes: Uint8Array;
  /** What the bytes are, for messages: "section 6". */
  readonly part: string;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, part: string) {
    this.bytes = bytes;
    this.part = part;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  has(offset: number, byteCount: number): boolean {
    return offset >= 0 && offset + byteCount <= this.bytes.length;
  }

  private need(offset: number, byteCount: number, what: string): void {
    if (!this.has(offset, byteCount)) {
      throw new ScpFormatError(`${this.part} ends before its ${what} (needs ${offset + byteCount} bytes, has ${this.bytes.length})`);
    }
  }

  u8(offset: number, what: string): number {
    this.need(offset, 1, what);
    return this.view.getUint8(offset);
  }

  u16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  i16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getInt16(offset, true);
  }

  u32(offset: number, what: string): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  slice(offset: number, byteCount: number, what: string): Uint8Array {
    this.need(offset, byteCount, what);
    return this.bytes.subarray(offset, offset + byteCount);
  }
}

const LATIN1 = new TextDecoder('latin1');

/** SCP-ECG text is 8-bit (ISO 8859-1 unless the device says otherwise); stops at the first NUL. */
export function latin1Text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return LATIN1.decode(nul < 0 ? bytes : bytes.subarray(0, nul)).trim();
}
