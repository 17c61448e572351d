/** Paths to the shared HuBERT-ECG fixtures and helpers that write checkpoint variants to temp folders. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeSafetensors, type TensorEntry } from '../../bench/inference-checkpoint.ts';
import { readSafetensorsFile } from '../../src/main/core/inference/safetensors.ts';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const FIXTURES_DIR = join(SHARED_DIR, 'hubert-ecg/fixtures');
export const TINY_DIR = join(FIXTURES_DIR, 'tiny');
export const TINY_PARAM_DIR = join(FIXTURES_DIR, 'tiny-param');

export interface ExpectedOutputs {
  input: number[][];
  logits: number[][];
  probabilities: number[][];
  last_hidden_state_shape: number[];
  last_hidden_state_first_frame_first8: number[][];
  last_hidden_state_mean_over_time_first8: number[][];
}

export function readExpected(fixtureDir: string): ExpectedOutputs {
  return JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as ExpectedOutputs;
}

export function readConfigJson(fixtureDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtureDir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

/** The fixture's tensors as a mutable map, to derive variants from. */
export function readTensors(fixtureDir: string): Map<string, TensorEntry> {
  return new Map(readSafetensorsFile(join(fixtureDir, 'model.safetensors')).tensors);
}

const createdDirs: string[] = [];
process.on('exit', () => createdDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh folder under the OS temp dir, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ecg-desk-${prefix}-`));
  createdDirs.push(dir);
  return dir;
}

/** Writes config.json + model.safetensors into a fresh temp folder and returns it. */
export function writeCheckpoint(config: Record<string, unknown>, tensors: Map<string, TensorEntry>): string {
  const dir = tempDir('checkpoint');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
  return dir;
}

export function inputTensor(expected: ExpectedOutputs): Float32Array {
  return Float32Array.from(expected.input.flat());
}

export function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let max = 0;
  for (let i = 0; i < actual.length; i++) max = Math.max(max, Math.abs(actual[i] - expected[i]));
  return max;
}

/** Seeded uniform values in [-scale, scale] (a linear congruential generator is plenty for test weights). */
export function randomValues(count: number, seed: number, scale: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 4294967296 * 2 - 1) * scale;
  }
  return out;
}
