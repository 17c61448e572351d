/** Reads what ByteWriter wrote; every read is bounds-checked so damaged blobs fail with a clear error. */

export class ByteReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private need(byteCount: number): void {
    if (this.offset + byteCount > this.data.length) {
      throw new Error(`stored waveform is damaged: needs ${byteCount} bytes at offset ${this.offset} of ${this.data.length}`);
    }
  }

  u8(): number {
    this.need(1);
    return this.data[this.offset++];
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  bytes(byteCount: number): Uint8Array {
    this.need(byteCount);
    const slice = this.data.subarray(this.offset, this.offset + byteCount);
    this.offset += byteCount;
    return slice;
  }

  text(): string {
    return new TextDecoder().decode(this.bytes(this.varint()));
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 63) throw new Error('stored waveform is damaged: varint too long');
    }
  }

  signedVarint(): number {
    const zigzag = this.varint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  /** `count` signed varints into `out`, as signedVarint reads them one by one, in one bounds-checked loop. */
  signedVarints(out: Float64Array, count: number): void {
    const data = this.data;
    const end = data.length;
    let at = this.offset;
    for (let i = 0; i < count; i++) {
      let zigzag = 0;
      let scale = 1;
      for (;;) {
        if (at >= end) {
          throw new Error(`stored waveform is damaged: needs 1 bytes at offset ${at} of ${end}`);
        }
        const byte = data[at++];
        zigzag += (byte & 0x7f) * scale;
        if (byte < 0x80) break;
        scale *= 0x80;
        if (scale > 2 ** 63) throw new Error('stored waveform is damaged: varint too long');
      }
      out[i] = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    }
    this.offset = at;
  }

  get remainingBytes(): number {
    return this.data.length - this.offset;
  }

  get atEnd(): boolean {
    return this.offset === this.data.length;
  }
}
