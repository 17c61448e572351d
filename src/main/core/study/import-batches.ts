/** Import batches and their failures, as recorded in the study. */
import type Database from 'better-sqlite3';
import type { ImportFailure } from '../../../shared/contract/import.ts';

export function createImportBatch(db: Database.Database, paths: readonly string[], startedAt = new Date().toISOString()): number {
  const result = db.prepare('INSERT INTO import_batches (started_at, paths_json) VALUES (?, ?)').run(startedAt, JSON.stringify(paths));
  return Number(result.lastInsertRowid);
}

export interface BatchOutcome {
  fileCount: number;
  imported: number;
  duplicates: number;
  failed: readonly ImportFailure[];
  cancelled: boolean;
}

export function finishImportBatch(db: Database.Database, batchId: number, outcome: BatchOutcome): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE import_batches SET finished_at = ?, file_count = ?, imported = ?, duplicates = ?, failed = ?, cancelled = ?
       WHERE id = ?`
    ).run(
      new Date().toISOString(),
      outcome.fileCount,
      outcome.imported,
      outcome.duplicates,
      outcome.failed.length,
      outcome.cancelled ? 1 : 0,
      batchId
    );
    const insertFailure = db.prepare('INSERT INTO import_failures (batch_id, file, error) VALUES (?, ?, ?)');
    for (const failure of outcome.failed) insertFailure.run(batchId, failure.file, failure.error);
  })();
}
