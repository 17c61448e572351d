/**
 * Every real file in shared/ecg, truncated and with flipped bytes (seeded, so failures reproduce):
 * each parse returns a record or throws EcgParseError, never another error or a hang; importing the
 * mutated file stores a whole record or nothing.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import { clinicalRowCounts, removeTempFolders, tempFolder } from '../import/helpers.ts';
import { seededRandom } from '../support/seeded-random.ts';

const ECG_DIR = fileURLToPath(new URL('../../../shared/ecg/', import.meta.url));
const MUTATIONS_PER_FILE = 8;
const MAX_PARSE_MS = 10_000;


function dataFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return dataFiles(path);
    return entry.name.endsWith('.md') ? [] : [path];
  });
}

function mutate(bytes: Uint8Array, random: () => number, index: number): { bytes: Uint8Array; label: string } {
  if (index % 2 === 0) {
    const length = Math.floor(random() * bytes.length);
    return { bytes: bytes.slice(0, length), label: `truncated to ${length} bytes` };
  }
  const copy = bytes.slice();
  const flips = 1 + Math.floor(random() * 16);
  // Half the flips land in the first 1 KiB, where headers live and damage matters most.
  for (let i = 0; i < flips; i++) {
    const span = i % 2 === 0 ? Math.min(1024, copy.length) : copy.length;
    copy[Math.floor(random() * span)] ^= 1 << Math.floor(random() * 8);
  }
  return { bytes: copy, label: `${flips} bits flipped` };
}

const stem = (name: string) => name.split('.')[0];

afterAll(removeTempFolders);

describe('parsers and import under mutated input', () => {
  const files = dataFiles(ECG_DIR);

  it('finds the real files', () => {
    expect(files.length).toBeGreaterThanOrEqual(36);
  });

  it.each(files.map((f) => [relative(ECG_DIR, f), f]))('%s: records or EcgParseError, nothing half-written', async (_name, file) => {
    const random = seededRandom([...file].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const original = readFileSync(file);
    const study = new StudyService(':memory:', 'fuzz');
    try {
      for (let index = 0; index < MUTATIONS_PER_FILE; index++) {
        const folder = tempFolder('ecg-desk-fuzz-');
        // The file's siblings of the same record (header, signal, annotation files) come along unmutated.
        for (const sibling of readdirSync(dirname(file)).filter((n) => stem(n) === stem(basename(file)))) {
          copyFileSync(join(dirname(file), sibling), join(folder, sibling));
        }
        const { bytes, label } = mutate(original, random, index);
        writeFileSync(join(folder, basename(file)), bytes);
        for (const candidate of readdirSync(folder)) {
          const started = performance.now();
          try {
            parseEcg(fileSource(join(folder, candidate)));
          } catch (error) {
            if (!(error instanceof EcgParseError)) {
              throw new Error(`${candidate} (${label}): ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
            }
            expect(error.message.startsWith(`${error.fileName}: `)).toBe(true);
          }
          expect(performance.now() - started, `${candidate} (${label})`).toBeLessThan(MAX_PARSE_MS);
        }
        const before = clinicalRowCounts(study.db);
        const result = await study.importPaths([join(folder, basename(file))], { workerCount: 0 });
        const after = clinicalRowCounts(study.db);
        if (result.imported === 1) {
          expect(after.records).toBe(before.records + 1);
          expect(after.waveforms).toBeGreaterThan(before.waveforms);
          expect(after.audit_log).toBe(before.audit_log + 1);
        } else {
          expect(after).toEqual(before);
        }
      }
    } finally {
      study.close();
    }
  });
});
