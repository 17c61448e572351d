/** Reading the real SCP-ECG files in ../shared, and re-sealing mutated copies with valid CRCs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseSource } from '../../src/main/core/formats/parser.ts';
import { crcCcitt } from '../../src/main/core/formats/scp-ecg/crc-ccitt.ts';

export const SCP_FILES = [
  '0000050.ECG.scp',
  'ECG_20060620_112352_ANON000002.SCP',
  'ECG_20070321_110542_ANON000004.SCP',
  'Example.scp',
  'demo.scp',
] as const;

export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url));
}

export function readScp(fileName: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(`ecg/scp/${fileName}`)));
}

export function bytesSource(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}

/**
 * Recomputes every section CRC listed in section 0 and the record CRC, so that a mutation reaches
 * the section decoders instead of stopping at the checksum. Pointers that lie outside are skipped.
 */
export function resealCrcs(bytes: Uint8Array): Uint8Array {
  const sealed = bytes.slice();
  if (sealed.length < 22) return sealed;
  const view = new DataView(sealed.buffer);
  const sealSection = (start: number): void => {
    if (start + 16 > sealed.length) return;
    const length = view.getUint32(start + 4, true);
    if (length < 16 || start + length > sealed.length) return;
    view.setUint16(start, crcCcitt(sealed, start + 2, start + length), true);
  };
  const pointerTableLength = view.getUint32(10, true);
  for (let offset = 22; offset + 10 <= Math.min(6 + pointerTableLength, sealed.length); offset += 10) {
    const length = view.getUint32(offset + 2, true);
    const index = view.getUint32(offset + 6, true);
    if (length > 0 && index >= 1) sealSection(index - 1);
  }
  sealSection(6);
  const recordLength = Math.min(view.getUint32(2, true), sealed.length);
  view.setUint16(0, crcCcitt(sealed, 2, recordLength), true);
  return sealed;
}

/** Deterministic pseudo-random numbers (mulberry32) so a failing mutation can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
