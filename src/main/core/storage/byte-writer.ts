/** A growable little-endian byte buffer with zigzag varints, for the waveform codec. */

/** A varint of a safe integer (< 2^53) takes at most 8 bytes; 10 covers any double-rounded value. */
const MAX_VARINT_BYTES = 10;
const MAX_INT32_VARINT_BYTES = 5;

export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(initialBytes = 1024) {
    this.buffer = new Uint8Array(initialBytes);
    this.view = new DataView(this.buffer.buffer);
  }

  private reserve(extraBytes: number): void {
    const needed = this.length + extraBytes;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** UTF-8 text prefixed with its byte length as a varint. */
  text(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.varint(encoded.length);
    this.bytes(encoded);
  }

  /** Unsigned LEB128; arithmetic rather than bit operations so values above 2^31 survive. */
  varint(value: number): void {
    this.reserve(MAX_VARINT_BYTES);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  /** Signed integer as zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …) then varint. */
  signedVarint(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /**
   * The first `count` int32 values as signed varints, byte for byte what signedVarint writes. The
   * import's hot loop: one reservation and integer arithmetic only.
   */
  signedVarints32(values: Int32Array, count: number): void {
    this.reserve(count * MAX_INT32_VARINT_BYTES);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < count; i++) {
      const value = values[i];
      let zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
      while (zigzag >= 0x80) {
        buffer[at++] = (zigzag & 0x7f) | 0x80;
        zigzag >>>= 7;
      }
      buffer[at++] = zigzag;
    }
    this.length = at;
  }

  /** Empties the writer, keeping its buffer for the next use. */
  reset(): void {
    this.length = 0;
  }

  /** What was written, without a copy: valid until the next write or reset. */
  written(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
