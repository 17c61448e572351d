/**
 * Measures each import batch's records in the background as they arrive, so that opening one shows
 * its measurements at once: wraps a StudyBackend so that every import it starts is watched, and the
 * records imported so far are measured one short step (one database-worker call) at a time, which
 * lets the reading room's calls in between the steps.
 */
import type { StudyBackend } from '../study/study-backend.ts';

const WATCH_INTERVAL_MS = 1000;

export function withMeasurementsAfterImport(study: StudyBackend, intervalMs = WATCH_INTERVAL_MS): StudyBackend {
  /** Measures what the batch holds after afterRecordId; resolves with the last record id looked at. */
  const measureImported = async (batchId: number, afterRecordId: number): Promise<number> => {
    let cursor = afterRecordId;
    for (;;) {
      const step = await study.measureBatchStep(batchId, cursor);
      if (step.lastRecordId === null) return cursor;
      cursor = step.lastRecordId;
    }
  };

  const watch = async (batchId: number): Promise<void> => {
    let afterRecordId = 0;
    for (;;) {
      const progress = await study.importProgress(batchId);
      if (!progress) return;
      afterRecordId = await measureImported(batchId, afterRecordId);
      // Every record is in before the batch reads finished, so this pass measured the last of them.
      if (progress.finished) return;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };

  return {
    ...study,
    startImport: async (paths) => {
      const batchId = await study.startImport(paths);
      // A study closed mid-batch stops the watch; records it did not reach are measured on opening.
      watch(batchId).catch(() => undefined);
      return batchId;
    },
  };
}
