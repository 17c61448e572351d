/**
 * Reader for the Hugging Face safetensors format: an 8-byte little-endian header length, a JSON
 * header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes. Written
 * here because the format is tiny and no maintained pure-JS reader exists.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ModelImportError } from './model-import-error.ts';

export interface Float32Tensor {
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  fileName: string;
  tensors: Map<string, Float32Tensor>;
  metadata: Record<string, string>;
}

const HEADER_LENGTH_BYTES = 8;
/** The format's own limit; a larger value means a corrupt or foreign file. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;
const BYTES_PER_ELEMENT: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

export function readSafetensorsFile(path: string): SafetensorsFile {
  return parseSafetensors(readFileSync(path), basename(path));
}

export function parseSafetensors(bytes: Uint8Array, fileName: string): SafetensorsFile {
  const fail = (problem: string): never => {
    throw new ModelImportError(fileName, problem);
  };
  if (bytes.length < HEADER_LENGTH_BYTES) fail(`not a safetensors file: only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = Number(view.getBigUint64(0, true));
  if (headerBytes > MAX_HEADER_BYTES) fail(`not a safetensors file: header length ${headerBytes} is implausible`);
  if (HEADER_LENGTH_BYTES + headerBytes > bytes.length) {
    fail(`truncated: the header needs ${headerBytes} bytes but the file has ${bytes.length - HEADER_LENGTH_BYTES}`);
  }
  const header = parseHeader(bytes.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + headerBytes), fail);
  const dataStart = HEADER_LENGTH_BYTES + headerBytes;
  const dataBytes = bytes.length - dataStart;

  const tensors = new Map<string, Float32Tensor>();
  let metadata: Record<string, string> = {};
  const spans: { name: string; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(entry, fail);
      continue;
    }
    const { dtype, shape, begin, end } = parseEntry(name, entry, fail);
    const elementCount = shape.reduce((a, b) => a * b, 1);
    const expectedBytes = elementCount * BYTES_PER_ELEMENT[dtype];
    if (end - begin !== expectedBytes) {
      fail(`tensor '${name}': ${dtype} [${shape.join(', ')}] needs ${expectedBytes} bytes but data_offsets span ${end - begin}`);
    }
    if (end > dataBytes) {
      fail(`truncated: tensor '${name}' ends at byte ${end} of the data section, which has only ${dataBytes} bytes`);
    }
    spans.push({ name, begin, end });
    tensors.set(name, { shape, data: decodeElements(bytes.subarray(dataStart + begin, dataStart + end), dtype) });
  }
  spans.sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].begin < spans[i - 1].end) fail(`tensors '${spans[i - 1].name}' and '${spans[i].name}' overlap`);
  }
  return { fileName, tensors, metadata };
}

type Fail = (problem: string) => never;

function parseHeader(headerBytes: Uint8Array, fail: Fail): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (error) {
    return fail(`corrupt header: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('corrupt header: not a JSON object');
  return parsed as Record<string, unknown>;
}

function parseMetadata(entry: unknown, fail: Fail): Record<string, string> {
  if (typeof entry !== 'object' || entry === null) return fail('corrupt header: __metadata__ is not an object');
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry)) metadata[key] = String(value);
  return metadata;
}

function parseEntry(
  name: string,
  entry: unknown,
  fail: Fail,
): { dtype: string; shape: number[]; begin: number; end: number } {
  if (typeof entry !== 'object' || entry === null) return fail(`tensor '${name}': header entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string') return fail(`tensor '${name}': no dtype`);
  if (!(dtype in BYTES_PER_ELEMENT)) return fail(`tensor '${name}': dtype ${dtype} is not supported (F32, F16 or BF16)`);
  const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!Array.isArray(shape) || !shape.every(isCount)) return fail(`tensor '${name}': shape is not a list of sizes`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    return fail(`tensor '${name}': data_offsets is not a [begin, end] pair`);
  }
  return { dtype, shape, begin: offsets[0], end: offsets[1] };
}

function decodeElements(raw: Uint8Array, dtype: string): Float32Array {
  // Every platform Node and Electron ship on is little-endian, so F32 data is used in place when
  // 4-byte aligned (saving a copy of a model that may be 750 MB) and copied once otherwise.
  if (dtype === 'F32') {
    return raw.byteOffset % 4 === 0
      ? new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4)
      : new Float32Array(new Uint8Array(raw).buffer);
  }
  const count = raw.length / BYTES_PER_ELEMENT[dtype];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float32Array(count);
  if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  } else {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true) << 16;
  }
  return out;
}

function halfToFloat(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
