import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../src/shared/contract/wire-codec.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('wire codec', () => {
  it('encodes base64 as RFC 4648 does', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(bytesToBase64(ascii(plain))).toBe(encoded);
      expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(ascii(plain)));
    }
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('Zm9')).toThrow(/multiple of 4/);
    expect(() => base64ToBytes('Zm9*')).toThrow(/invalid base64 character/);
  });

  it('round-trips a real record lead bit for bit, NaN included, inside nested objects', () => {
    // PTB-XL 00001_hr (format 16, 1000 units/mV): lead II is the second of 12 interleaved int16 channels.
    const raw = readFileSync(new URL('../../../shared/refdata/ptbxl/records500/00000/00001_hr.dat', import.meta.url));
    const counts = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    const leadII = new Float32Array(5000);
    for (let i = 0; i < 5000; i++) leadII[i] = counts[i * 12 + 1];
    leadII[10] = Number.NaN;
    const value = { ok: true, value: { record: { rhythm: { sampleRateHz: 500, leads: [{ name: 'II', samplesUv: leadII }] } } } };
    const text = encodeWire(value);
    expect(text.length).toBeLessThan(5000 * 4 * 1.4);
    const back = decodeWire<typeof value>(text);
    const samples = back.value.record.rhythm.leads[0].samplesUv;
    expect(samples).toBeInstanceOf(Float32Array);
    expect(samples.length).toBe(5000);
    expect(Number.isNaN(samples[10])).toBe(true);
    expect(samples[575]).toBe(leadII[575]);
    expect(Array.from(samples.subarray(11))).toEqual(Array.from(leadII.subarray(11)));
    expect(back.value.record.rhythm.sampleRateHz).toBe(500);
  });

  it('keeps a typed array view of part of a buffer to its own bytes', () => {
    const buffer = new Int16Array([1, -2, 3, -4, 5]);
    const view = buffer.subarray(1, 4);
    expect(Array.from(decodeWire<Int16Array>(encodeWire(view)))).toEqual([-2, 3, -4]);
  });
});
