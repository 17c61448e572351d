/**
 * Starts the inference queue as records arrive: wraps a StudyBackend so that every import it starts is
 * watched, and the queue is kicked whenever the batch has imported more records, and when it ends.
 */
import type { StudyBackend } from '../study/study-backend.ts';
import type { AiService } from './ai-service.ts';

const WATCH_INTERVAL_MS = 1000;

export function withAiAfterImport(study: StudyBackend, ai: AiService, intervalMs = WATCH_INTERVAL_MS): StudyBackend {
  const watch = (batchId: number): void => {
    let imported = 0;
    const timer = setInterval(() => {
      void study.importProgress(batchId).then(
        async (progress) => {
          if (!progress || progress.finished) clearInterval(timer);
          if (!progress || (progress.imported === imported && !progress.finished)) return;
          imported = progress.imported;
          await ai.kick();
        },
        () => clearInterval(timer),
      );
    }, intervalMs);
  };
  return {
    ...study,
    startImport: async (paths) => {
      const batchId = await study.startImport(paths);
      watch(batchId);
      return batchId;
    },
  };
}
