/**
 * Batch import: expands files and folders, parses them (in this thread or a worker pool), and hands
 * the parsed records to the study in small batches (one transaction each, every record atomic within
 * it), because a commit per record made the writer the bottleneck. Companion files a record read are
 * not reported as failures; a file whose content is already in the study is a duplicate; cancel
 * stops at the next file, leaving every record either fully stored or not at all.
 */
import { extname } from 'node:path';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { ImportFailure, ImportProgress } from '../../../shared/contract/import.ts';
import { PARSERS } from '../formats/registry.ts';
import type { PreparedRecord, RecordWriteOutcome } from '../study/prepared-record.ts';
import { collectFiles } from './collect-files.ts';
import { describeImportError, type PrepareOutcome } from './prepare-record.ts';
import type { RecordPreparer } from './record-preparer.ts';

/** Where records go: the study database's writer. */
export interface ImportSink {
  /**
   * Stores each record atomically, one outcome per record in order: a failing record stores nothing
   * and does not undo the others; one whose content is already stored is a duplicate. Throws (having
   * stored none of them) only when the whole batch cannot be written.
   */
  insertBatch(records: readonly PreparedRecord[]): RecordWriteOutcome[];
}

/** A batch is written when it holds this many records … */
const BATCH_MAX_RECORDS = 32;
/** … or its oldest record has waited this long, so progress never lags more than that. */
const BATCH_MAX_WAIT_MS = 50;

/** The running counts of an import: the progress the contract reports, less the batch's identity and end state. */
export type ImportCounts = Omit<ImportProgress, 'batchId' | 'finished' | 'cancelled'>;

export interface ImportRunResult {
  fileCount: number;
  imported: number;
  duplicates: number;
  failed: ImportFailure[];
  cancelled: boolean;
  recordIds: number[];
}

export interface ImportRunOptions {
  /** Called once the file count is known; the import closes the preparer when done. */
  createPreparer: (fileCount: number) => RecordPreparer;
  onProgress?: (counts: ImportCounts) => void;
  signal?: AbortSignal;
}

/** Files with a parser's primary extension go first, so their companions are known before they come up. */
function primaryFirst(files: string[]): string[] {
  const primary = new Set(PARSERS.flatMap((p) => p.extensions));
  const rank = (file: string) => (primary.has(extname(file).toLowerCase()) ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export async function runImport(paths: readonly string[], sink: ImportSink, options: ImportRunOptions): Promise<ImportRunResult> {
  const { files, missing } = collectFiles(paths);
  const queue = primaryFirst(files);
  const counts: ImportCounts = { total: files.length, done: 0, imported: 0, duplicates: 0, failed: 0, currentFile: null };
  const failures = new Map<string, string>(missing.map((m) => [m.file, m.error]));
  /** Companion file → the primary file that read it. */
  const consumedBy = new Map<string, string>();
  const recordIds: number[] = [];
  const report = () => options.onProgress?.({ ...counts, failed: failures.size });

  let waiting: { path: string; prepared: PreparedRecord }[] = [];
  let oldestWaitingAt = 0;

  const settle = (outcome: PrepareOutcome) => {
    for (const file of outcome.filesRead) {
      if (file === outcome.path) continue;
      if (!consumedBy.has(file)) consumedBy.set(file, outcome.path);
      failures.delete(file);
    }
    if (!outcome.ok) {
      if (!consumedBy.has(outcome.path)) failures.set(outcome.path, outcome.error);
      return;
    }
    if (waiting.length === 0) oldestWaitingAt = performance.now();
    waiting.push({ path: outcome.path, prepared: outcome.prepared });
  };

  const writeWaiting = () => {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    let outcomes: RecordWriteOutcome[];
    try {
      outcomes = sink.insertBatch(batch.map((entry) => entry.prepared));
    } catch (error) {
      const reason = describeImportError(error);
      outcomes = batch.map(() => ({ kind: 'failed', error: reason }));
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'imported') {
        recordIds.push(outcome.recordId);
        counts.imported++;
      } else if (outcome.kind === 'duplicate') {
        counts.duplicates++;
      } else {
        failures.set(batch[i].path, typeof outcome.error === 'string' ? outcome.error : describeImportError(outcome.error));
      }
    });
    report();
  };

  const batchIsDue = () => waiting.length >= BATCH_MAX_RECORDS || performance.now() - oldestWaitingAt >= BATCH_MAX_WAIT_MS;

  let next = 0;
  const inFlight = new Set<Promise<void>>();
  const preparer = options.createPreparer(queue.length);
  report();
  try {
    await drain();
    writeWaiting();
  } finally {
    await preparer.close();
  }
  counts.currentFile = null;
  report();
  return {
    fileCount: files.length,
    imported: counts.imported,
    duplicates: counts.duplicates,
    failed: [...failures].map(([file, error]) => ({ file, error })),
    cancelled: options.signal?.aborted === true && counts.done < files.length,
    recordIds,
  };

  async function drain(): Promise<void> {
    while (next < queue.length || inFlight.size > 0) {
      while (!options.signal?.aborted && next < queue.length && inFlight.size < preparer.concurrency) {
        const path = queue[next++];
        if (consumedBy.has(path)) {
          counts.done++;
          continue;
        }
        counts.currentFile = path;
        const task: Promise<void> = preparer.prepare(path).then((outcome) => {
          inFlight.delete(task);
          settle(outcome);
          counts.done++;
          report();
        });
        inFlight.add(task);
      }
      if (inFlight.size === 0) break;
      // A waiting batch is written when due even if the files in flight are slow to come back.
      const dueInMs = oldestWaitingAt + BATCH_MAX_WAIT_MS - performance.now();
      await (waiting.length > 0 ? Promise.race([...inFlight, delay(Math.max(0, dueInMs))]) : Promise.race(inFlight));
      if (waiting.length > 0 && batchIsDue()) writeWaiting();
      // Let cancel requests and queries in, between records.
      await nextTurn();
    }
  }
}
