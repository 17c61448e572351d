import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSafetensors, readSafetensorsFile } from '../../src/main/core/inference/safetensors.ts';
import { TINY_DIR, TINY_PARAM_DIR } from './fixture-files.ts';

function headerOf(bytes: Uint8Array): { headerBytes: number; header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> } {
  const headerBytes = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { headerBytes, header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerBytes))) };
}

function withHeader(original: Uint8Array, header: unknown): Uint8Array {
  const { headerBytes } = headerOf(original);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + original.length - 8 - headerBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(original.subarray(8 + headerBytes), 8 + text.length);
  return out;
}

describe('safetensors reader', () => {
  it('reads every tensor of the tiny fixture with its shape and values', () => {
    const file = readSafetensorsFile(join(TINY_DIR, 'model.safetensors'));
    expect(file.fileName).toBe('model.safetensors');
    expect(file.tensors.size).toBe(51);
    expect(file.tensors.get('hubert_ecg.encoder.pos_conv_embed.conv.weight_v')?.shape).toEqual([32, 2, 128]);
    // Values decoded independently with python struct.unpack('<5f').
    const bias = file.tensors.get('classifier.bias')!;
    expect(bias.shape).toEqual([5]);
    expect(Array.from(bias.data)).toEqual(
      [0.04661683365702629, -0.10284774750471115, -0.022545484825968742, 0.07713755965232849, 0.04231240972876549].map(Math.fround),
    );
  });

  it('reads the parametrizations-style fixture', () => {
    const file = readSafetensorsFile(join(TINY_PARAM_DIR, 'model.safetensors'));
    expect(file.tensors.get('hubert_ecg.encoder.pos_conv_embed.conv.parametrizations.weight.original1')?.shape).toEqual([48, 3, 128]);
    expect(Array.from(file.tensors.get('hubert_ecg.encoder.pos_conv_embed.conv.bias')!.data.subarray(0, 3))).toEqual(
      [-0.058521319180727005, 0.03570498526096344, -0.011394842527806759].map(Math.fround),
    );
  });

  const original = new Uint8Array(readFileSync(join(TINY_DIR, 'model.safetensors')));

  it('rejects a truncated file, naming the file and the tensor that runs past the end', () => {
    // 155532 bytes - 8 - 5744 header = 149780 data bytes; cut 100 and classifier.weight (ending at 149760) no longer fits.
    expect(() => parseSafetensors(original.subarray(0, original.length - 100), 'model.safetensors')).toThrow(
      "model.safetensors: truncated: tensor 'classifier.weight' ends at byte 149760 of the data section, which has only 149680 bytes",
    );
    expect(() => parseSafetensors(original.subarray(0, 1000), 'model.safetensors')).toThrow(/model\.safetensors: truncated: the header needs 5744 bytes/);
    expect(() => parseSafetensors(original.subarray(0, 4), 'model.safetensors')).toThrow(/not a safetensors file/);
  });

  it('rejects a corrupt header', () => {
    const garbage = original.slice();
    garbage[8] = 0x78; // the opening '{' of the JSON header becomes 'x'
    expect(() => parseSafetensors(garbage, 'model.safetensors')).toThrow(/model\.safetensors: corrupt header/);
    const huge = original.slice();
    new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
    expect(() => parseSafetensors(huge, 'model.safetensors')).toThrow(/header length \d+ is implausible/);
  });

  it('rejects offsets that do not match the shape, unsupported dtypes and overlaps', () => {
    const { header } = headerOf(original);
    const badShape = structuredClone(header);
    badShape['classifier.bias'].shape = [6];
    expect(() => parseSafetensors(withHeader(original, badShape), 'm.safetensors')).toThrow(
      "m.safetensors: tensor 'classifier.bias': F32 [6] needs 24 bytes but data_offsets span 20",
    );
    const badType = structuredClone(header);
    badType['classifier.bias'].dtype = 'I64';
    expect(() => parseSafetensors(withHeader(original, badType), 'm.safetensors')).toThrow(
      "tensor 'classifier.bias': dtype I64 is not supported",
    );
    const overlap = structuredClone(header);
    overlap['classifier.bias'].data_offsets = [0, 20];
    expect(() => parseSafetensors(withHeader(original, overlap), 'm.safetensors')).toThrow(/overlap/);
  });

  it('widens F16 and BF16 tensors to float32', () => {
    const header = new TextEncoder().encode(
      JSON.stringify({ half: { dtype: 'F16', shape: [3], data_offsets: [0, 6] }, brain: { dtype: 'BF16', shape: [2], data_offsets: [6, 10] } }),
    );
    const bytes = new Uint8Array(8 + header.length + 10);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    // IEEE half 1.0 = 0x3c00, -2.0 = 0xc000, 2^-24 (smallest subnormal) = 0x0001; bfloat16 1.0 = 0x3f80, -0.5 = 0xbf00.
    [0x3c00, 0xc000, 0x0001, 0x3f80, 0xbf00].forEach((bits, i) => view.setUint16(8 + header.length + 2 * i, bits, true));
    const file = parseSafetensors(bytes, 'half.safetensors');
    expect(Array.from(file.tensors.get('half')!.data)).toEqual([1, -2, 2 ** -24]);
    expect(Array.from(file.tensors.get('brain')!.data)).toEqual([1, -0.5]);
  });
});
