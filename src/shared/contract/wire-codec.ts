/**
 * JSON with typed arrays, for the contract over HTTP (the e2e host and its client). Typed arrays
 * travel as base64 of their little-endian bytes, tagged by type, so a 10-s 12-lead record is a few
 * hundred kilobytes instead of megabytes of decimal text. Pure TypeScript: Node and the browser share it.
 */

const TYPED_ARRAY_TAG = '$typed';
const TYPED_ARRAY_KINDS = ['Float32Array', 'Float64Array', 'Int16Array', 'Int32Array', 'Uint8Array'] as const;
type TypedArrayKind = (typeof TYPED_ARRAY_KINDS)[number];
type WireTypedArray = Float32Array | Float64Array | Int16Array | Int32Array | Uint8Array;

interface TaggedTypedArray {
  [TYPED_ARRAY_TAG]: TypedArrayKind;
  base64: string;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_INDEX[BASE64_ALPHABET.charCodeAt(i)] = i;

// Our own base64: Buffer is Node-only and btoa/atob need a binary string copy of large arrays.
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk.push(
      BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63] + BASE64_ALPHABET[(n >> 6) & 63] + BASE64_ALPHABET[n & 63]
    );
    if (chunk.length === 4096) {
      parts.push(chunk.join(''));
      chunk.length = 0;
    }
  }
  parts.push(chunk.join(''));
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    parts.push(BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63] + '==');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    parts.push(BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63] + BASE64_ALPHABET[(n >> 6) & 63] + '=');
  }
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('wire codec: base64 length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const v = c === 61 ? 0 : c < 128 ? BASE64_INDEX[c] : -1;
      if (v < 0) throw new Error(`wire codec: invalid base64 character at ${i + j}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function kindOf(value: unknown): TypedArrayKind | undefined {
  if (value instanceof Float32Array) return 'Float32Array';
  if (value instanceof Float64Array) return 'Float64Array';
  if (value instanceof Int16Array) return 'Int16Array';
  if (value instanceof Int32Array) return 'Int32Array';
  if (value instanceof Uint8Array) return 'Uint8Array';
  return undefined;
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toTagged(array: WireTypedArray, kind: TypedArrayKind): TaggedTypedArray {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error('wire codec: big-endian hosts are not supported');
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return { [TYPED_ARRAY_TAG]: kind, base64: bytesToBase64(bytes) };
}

function fromTagged(tagged: TaggedTypedArray): WireTypedArray {
  const bytes = base64ToBytes(tagged.base64);
  // Copy into a fresh, aligned buffer: the typed array constructors need offsets that are multiples of their element size.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (tagged[TYPED_ARRAY_TAG]) {
    case 'Float32Array':
      return new Float32Array(buffer);
    case 'Float64Array':
      return new Float64Array(buffer);
    case 'Int16Array':
      return new Int16Array(buffer);
    case 'Int32Array':
      return new Int32Array(buffer);
    case 'Uint8Array':
      return new Uint8Array(buffer);
  }
}

function isTagged(value: unknown): value is TaggedTypedArray {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as Record<string, unknown>)[TYPED_ARRAY_TAG];
  return (
    typeof kind === 'string' &&
    (TYPED_ARRAY_KINDS as readonly string[]).includes(kind) &&
    typeof (value as Record<string, unknown>).base64 === 'string'
  );
}

/** JSON text of a value that may hold typed arrays anywhere inside it. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, item: unknown) {
    // JSON.stringify hands the replacer the raw holder value, before any toJSON of typed arrays.
    const raw = (this as Record<string, unknown>)[key];
    const kind = kindOf(raw);
    return kind ? toTagged(raw as WireTypedArray, kind) : item;
  });
}

/** Parses JSON text from encodeWire, restoring typed arrays. */
export function decodeWire<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) => (isTagged(item) ? fromTagged(item) : item)) as T;
}
