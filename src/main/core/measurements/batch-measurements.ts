/**
 * Measures an import batch's records ahead of their first opening, a short step at a time, so the
 * database worker answers the reading room's calls between steps instead of after the whole batch.
 */
import type Database from 'better-sqlite3';
import { ensureMeasured } from './measurement-service.ts';

export interface BatchMeasuringStep {
  /** Records this step measured. */
  measured: number;
  /** Records this step could not measure; opening one shows why. */
  failed: number;
  /** The last record id this step looked at, to continue after; null when none was left to measure. */
  lastRecordId: number | null;
}

/** A step measures one record at least, then more until this much time was spent. */
export const BATCH_STEP_BUDGET_MS = 50;

/**
 * Measures the batch's unmeasured records with ids above afterRecordId, in id order, until
 * budgetMs is spent (at least one record per step).
 */
export function measureBatchStep(db: Database.Database, batchId: number, afterRecordId: number, budgetMs = BATCH_STEP_BUDGET_MS): BatchMeasuringStep {
  const next = db.prepare(
    `SELECT r.id FROM records r
     WHERE r.batch_id = ? AND r.id > ? AND NOT EXISTS (SELECT 1 FROM measurement_sets m WHERE m.record_id = r.id)
     ORDER BY r.id LIMIT 1`
  );
  const startedMs = performance.now();
  const step: BatchMeasuringStep = { measured: 0, failed: 0, lastRecordId: null };
  let cursor = afterRecordId;
  do {
    const row = next.get(batchId, cursor) as { id: number } | undefined;
    if (!row) break;
    cursor = row.id;
    step.lastRecordId = row.id;
    try {
      ensureMeasured(db, row.id);
      step.measured++;
    } catch {
      // Measuring in the background must not stop at one bad record; opening it reports the error.
      step.failed++;
    }
  } while (performance.now() - startedMs < budgetMs);
  return step;
}
