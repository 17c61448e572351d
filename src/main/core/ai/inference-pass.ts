/**
 * One pass of the inference queue for one model: every record the model has not read yet is decoded,
 * preprocessed and run (windows of several records batched together), and its outcome stored. A record
 * that cannot be analysed gets a stored reason; a run that fails leaves its records for the next pass.
 * The pass yields between records so the thread that hosts it keeps answering status and cancel.
 */
import type Database from 'better-sqlite3';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AiStatus } from '../../../shared/contract/ai.ts';
import { labelScores } from '../../../shared/diagnoses/label-scores.ts';
import { aiRiskScore } from '../../../shared/diagnoses/risk-score.ts';
import type { HubertWindow } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';
import type { ModelManifest } from '../inference/manifest.ts';
import { predictFromLogits } from '../inference/prediction.ts';
import { decodeWaveformSet } from '../storage/waveform-codec.ts';
import {
  finishModelRun,
  pendingRecordCount,
  pendingRecordIds,
  rhythmBlob,
  startModelRun,
  storeOutcomes,
  type RecordOutcome,
} from './prediction-store.ts';
import { modelInputFor } from './record-input.ts';

/** Records fetched, preprocessed and stored together (one transaction, one audit entry). */
const RECORDS_PER_BATCH = 8;
/** Windows per onnxruntime call: big enough to keep a GPU busy, small enough for a CPU's memory. */
const MAX_WINDOWS_PER_RUN = 32;

export interface WindowRunner {
  readonly executionProvider: string;
  /** Row-major logits [batch, labels] for `batch` windows laid end to end. */
  run(windows: Float32Array, batch: number): Promise<Float32Array>;
}

/** The queue's share of the AI status the renderer sees. */
export type QueueProgress = Pick<AiStatus, 'queued' | 'done' | 'failed' | 'running' | 'modelId' | 'executionProvider'>;

export interface PassResult {
  modelId: string;
  executionProvider: string;
  runId: number | null;
  analysed: number[];
  notAnalysable: { id: number; reason: string }[];
  failed: { id: number; error: string }[];
  cancelled: boolean;
}

export interface PassOptions {
  db: Database.Database;
  manifest: ModelManifest;
  runner: WindowRunner;
  actor: string;
  signal?: AbortSignal;
  onProgress?: (progress: QueueProgress) => void;
  /** True when records arrived since the last count (an import ran during the pass). */
  takeRecountRequest?: () => boolean;
}

interface ReadyRecord {
  recordId: number;
  windows: HubertWindow[];
}

/** Aggregates one record's window logits into the stored outcome (max and mean per label, risk, mortality). */
export function outcomeFromLogits(manifest: ModelManifest, recordId: number, logits: Float32Array, windowCount: number): RecordOutcome {
  const prediction = predictFromLogits(manifest, logits, windowCount);
  const indexOf = new Map(manifest.labels.map((label, i) => [label.code, i]));
  const maxProbabilities = new Float32Array(manifest.labels.length);
  const meanProbabilities = new Float32Array(manifest.labels.length);
  for (const label of prediction.labels) {
    const i = indexOf.get(label.code) ?? -1;
    maxProbabilities[i] = label.probability;
    meanProbabilities[i] = label.meanProbability;
  }
  const scores = labelScores(manifest.labels, maxProbabilities, meanProbabilities);
  const mortalityIndex = manifest.mortalityLabelCode === null ? undefined : indexOf.get(manifest.mortalityLabelCode);
  return {
    recordId,
    status: 'analysed',
    windowCount,
    maxProbabilities,
    meanProbabilities,
    mortalityProbability: mortalityIndex === undefined ? null : maxProbabilities[mortalityIndex],
    aiRisk: aiRiskScore(scores, manifest.mortalityLabelCode),
  };
}

function readRecord(db: Database.Database, recordId: number): ReadyRecord | RecordOutcome {
  const blob = rhythmBlob(db, recordId);
  if (!blob) return { recordId, status: 'not-analysable', reason: 'the record has no stored rhythm waveform' };
  let rhythm;
  try {
    rhythm = decodeWaveformSet(blob);
  } catch (error) {
    return { recordId, status: 'not-analysable', reason: `the stored waveform cannot be read: ${(error as Error).message}` };
  }
  const input = modelInputFor(rhythm);
  return input.analysable ? { recordId, windows: input.windows } : { recordId, status: 'not-analysable', reason: input.reason };
}

/** Groups records so that each run holds at most MAX_WINDOWS_PER_RUN windows (a record is never split). */
function runGroups(records: readonly ReadyRecord[]): ReadyRecord[][] {
  const groups: ReadyRecord[][] = [];
  let current: ReadyRecord[] = [];
  let windows = 0;
  for (const record of records) {
    if (current.length > 0 && windows + record.windows.length > MAX_WINDOWS_PER_RUN) {
      groups.push(current);
      current = [];
      windows = 0;
    }
    current.push(record);
    windows += record.windows.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export async function runInferencePass(options: PassOptions): Promise<PassResult> {
  const { db, manifest, runner, actor, signal } = options;
  const samples = manifest.inputSpec.samples;
  const labelCount = manifest.labels.length;
  const result: PassResult = {
    modelId: manifest.id,
    executionProvider: runner.executionProvider,
    runId: null,
    analysed: [],
    notAnalysable: [],
    failed: [],
    cancelled: false,
  };
  const failedIds = new Set<number>();
  const startedMs = performance.now();
  let queued = pendingRecordCount(db, manifest.id);
  const progress = (running: boolean): void =>
    options.onProgress?.({
      queued,
      done: result.analysed.length + result.notAnalysable.length,
      failed: result.failed.length,
      running,
      modelId: manifest.id,
      executionProvider: runner.executionProvider,
    });
  progress(true);

  while (!signal?.aborted) {
    if (options.takeRecountRequest?.()) queued = Math.max(0, pendingRecordCount(db, manifest.id) - failedIds.size);
    const ids = pendingRecordIds(db, manifest.id, RECORDS_PER_BATCH, failedIds);
    if (ids.length === 0) break;
    result.runId ??= startModelRun(db, manifest, runner.executionProvider, actor, new Date().toISOString());

    const outcomes: RecordOutcome[] = [];
    const ready: ReadyRecord[] = [];
    for (const id of ids) {
      const read = readRecord(db, id);
      if ('windows' in read) ready.push(read);
      else outcomes.push(read);
      await yieldToEventLoop();
    }
    for (const group of runGroups(ready)) {
      const windowCount = group.reduce((n, r) => n + r.windows.length, 0);
      const input = new Float32Array(windowCount * samples);
      let offset = 0;
      for (const record of group) {
        for (const window of record.windows) {
          input.set(window.input, offset * samples);
          offset++;
        }
      }
      try {
        const logits = await runner.run(input, windowCount);
        let row = 0;
        for (const record of group) {
          const count = record.windows.length;
          outcomes.push(outcomeFromLogits(manifest, record.recordId, logits.subarray(row * labelCount, (row + count) * labelCount), count));
          row += count;
        }
      } catch (error) {
        for (const record of group) {
          failedIds.add(record.recordId);
          result.failed.push({ id: record.recordId, error: (error as Error).message });
        }
      }
    }
    storeOutcomes(db, result.runId, manifest.id, outcomes, actor);
    for (const outcome of outcomes) {
      if (outcome.status === 'analysed') result.analysed.push(outcome.recordId);
      else result.notAnalysable.push({ id: outcome.recordId, reason: outcome.reason });
    }
    queued = Math.max(0, queued - ids.length);
    progress(true);
  }
  result.cancelled = signal?.aborted === true;
  if (!result.cancelled) queued = 0;
  if (result.runId !== null) {
    const recordCount = result.analysed.length + result.notAnalysable.length;
    finishModelRun(db, result.runId, recordCount, performance.now() - startedMs, result.cancelled, actor);
  }
  progress(false);
  return result;
}
