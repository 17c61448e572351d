/** Paths into ../shared (the real data every developer and CI has beside the repository). */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared');

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}
