/** A running import batch: start it, poll its progress, cancel it, keep its summary. */
import type { ImportProgress, ImportSummary } from '../../../shared/contract/import.ts';
import { callApi } from '../api/api.ts';

const POLL_INTERVAL_MS = 200;

class ImportStore {
  progress = $state<ImportProgress | null>(null);
  summary = $state<ImportSummary | null>(null);
  error = $state<string | null>(null);
  running = $state(false);

  /** Starts a batch and resolves when it has finished or was cancelled. */
  async start(paths: string[], onFinished: () => void): Promise<void> {
    this.error = null;
    this.summary = null;
    this.progress = null;
    try {
      const { batchId } = await callApi('import.start', { paths });
      this.running = true;
      for (;;) {
        const progress = await callApi('import.progress', { batchId });
        this.progress = progress;
        if (progress.finished) {
          this.summary = progress.summary;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.running = false;
      onFinished();
    }
  }

  async cancel(): Promise<void> {
    const batchId = this.progress?.batchId;
    if (batchId !== undefined) await callApi('import.cancel', { batchId });
  }
}

export const importer = new ImportStore();
