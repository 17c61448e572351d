/**
 * Base64 decoding that rejects anything but the base64 alphabet (Node's decoder skips bad characters
 * silently, which would turn a damaged waveform into a shorter, wrong one).
 */
import { Buffer } from 'node:buffer';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 text (whitespace allowed between characters), or returns undefined when it is not base64. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  const buffer = Buffer.from(compact, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
