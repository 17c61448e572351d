/**
 * The study: one open database and the operations the app and the CLI perform on it. It is the single
 * writer; in the app it runs inside the database worker (db-worker.ts), in the CLI in-process.
 */
import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import type { ImportProgress, ImportSummary } from '../../../shared/contract/import.ts';
import type { RecordView } from '../../../shared/contract/record-view.ts';
import type { RecordAiRisk, ReviewStatus, WorklistPage, WorklistQuery, WorklistRow } from '../../../shared/contract/worklist.ts';
import type { StudyInfo } from '../../../shared/contract/api.ts';
import { openStudyDatabase } from '../db/open-database.ts';
import type { ParseOptions } from '../formats/parser.ts';
import { inProcessPreparer, type RecordPreparer } from '../import/record-preparer.ts';
import { runImport, type ImportCounts } from '../import/run-import.ts';
import { workerPreparer } from '../import/worker-preparer.ts';
import { createImportBatch, finishImportBatch } from './import-batches.ts';
import { priorRecords } from './priors.ts';
import { recordAiRisks } from './record-ai-risks.ts';
import { readRecordView } from './record-reader.ts';
import { setRecordStatus } from './record-status.ts';
import { insertPreparedRecords } from './record-writer.ts';
import { worklistPage } from './worklist-query.ts';

/** Below this many files, starting worker threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;

export interface StudyImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Parse in this thread (0) or in that many worker threads; default: workers for large imports. */
  workerCount?: number;
  /** Overrides how files are parsed (the demo study completes PTB-XL metadata this way). */
  createPreparer?: (fileCount: number) => RecordPreparer;
  /** What files that do not say it need (a CSV's sampling rate and units). */
  parseOptions?: ParseOptions;
}

export type StudyImportResult = ImportSummary & { recordIds: number[]; fileCount: number };

interface BatchState {
  progress: ImportProgress;
  summary: ImportSummary | null;
  abort: AbortController;
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function defaultPreparer(fileCount: number, workerCount: number | undefined, parseOptions?: ParseOptions): RecordPreparer {
  const count = workerCount ?? (fileCount >= MIN_FILES_FOR_WORKERS ? 2 : 0);
  return count > 0 ? workerPreparer(count, parseOptions) : inProcessPreparer(parseOptions);
}

export class StudyService {
  readonly db: Database.Database;
  private readonly batches = new Map<number, BatchState>();

  constructor(
    readonly databasePath: string,
    private readonly actor = defaultActor()
  ) {
    this.db = openStudyDatabase(databasePath);
  }

  info(): StudyInfo {
    const row = this.db
      .prepare("SELECT count(*) AS recordCount, coalesce(sum(status = 'unread'), 0) AS unreadCount FROM records")
      .get() as { recordCount: number; unreadCount: number };
    return { databasePath: this.databasePath, ...row };
  }

  /** Runs a whole import and resolves with its summary (the CLI's path). */
  async importPaths(paths: readonly string[], options: StudyImportOptions = {}): Promise<StudyImportResult> {
    const batchId = createImportBatch(this.db, paths);
    const progress: ImportProgress = {
      batchId,
      total: 0,
      done: 0,
      imported: 0,
      duplicates: 0,
      failed: 0,
      currentFile: null,
      finished: false,
      cancelled: false,
    };
    const result = await runImport(
        paths,
        { insertBatch: (records) => insertPreparedRecords(this.db, records, batchId, this.actor) },
        {
          createPreparer: options.createPreparer ?? ((fileCount) => defaultPreparer(fileCount, options.workerCount, options.parseOptions)),
          signal: options.signal,
          onProgress: (counts: ImportCounts) => {
            Object.assign(progress, counts);
            options.onProgress?.({ ...progress });
          },
        }
      );
    finishImportBatch(this.db, batchId, result);
    Object.assign(progress, { finished: true, cancelled: result.cancelled, currentFile: null });
    options.onProgress?.({ ...progress });
    return {
      batchId,
      imported: result.imported,
      duplicates: result.duplicates,
      failed: result.failed,
      cancelled: result.cancelled,
      recordIds: result.recordIds,
      fileCount: result.fileCount,
    };
  }

  /** Starts an import in the background (the app's path); poll importProgress for how far it got. */
  startImport(paths: readonly string[], workerCount?: number): Promise<number> {
    return new Promise((resolveBatchId, reject) => {
      const abort = new AbortController();
      let announced = false;
      this.importPaths(paths, {
        signal: abort.signal,
        workerCount,
        onProgress: (progress) => {
          const state = this.batches.get(progress.batchId) ?? { progress, summary: null, abort };
          state.progress = progress;
          this.batches.set(progress.batchId, state);
          if (!announced) {
            announced = true;
            resolveBatchId(progress.batchId);
          }
        },
      }).then(
        ({ batchId, imported, duplicates, failed, cancelled }) => {
          const state = this.batches.get(batchId);
          if (state) state.summary = { batchId, imported, duplicates, failed, cancelled };
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (!announced) reject(new Error(message));
          // An import that dies after it started still finishes, with the reason as its one failure.
          for (const state of this.batches.values()) {
            if (state.abort !== abort) continue;
            state.progress = { ...state.progress, finished: true, currentFile: null };
            const { batchId, imported, duplicates, cancelled } = state.progress;
            state.summary = { batchId, imported, duplicates, cancelled, failed: [{ file: paths.join(', '), error: message }] };
          }
        }
      );
    });
  }

  cancelImport(batchId: number): boolean {
    const state = this.batches.get(batchId);
    if (!state || state.progress.finished) return false;
    state.abort.abort();
    return true;
  }

  importProgress(batchId: number): (ImportProgress & { summary: ImportSummary | null }) | undefined {
    const state = this.batches.get(batchId);
    return state ? { ...state.progress, summary: state.summary } : undefined;
  }

  worklistPage(query: WorklistQuery): WorklistPage {
    return worklistPage(this.db, query);
  }

  aiRisks(ids: readonly number[]): RecordAiRisk[] {
    return recordAiRisks(this.db, ids);
  }

  getRecord(id: number): RecordView | undefined {
    return readRecordView(this.db, id);
  }

  priors(id: number): WorklistRow[] | undefined {
    return priorRecords(this.db, id);
  }

  setStatus(id: number, status: ReviewStatus): boolean {
    return setRecordStatus(this.db, id, status, this.actor);
  }

  close(): void {
    for (const state of this.batches.values()) state.abort.abort();
    this.db.close();
  }
}
