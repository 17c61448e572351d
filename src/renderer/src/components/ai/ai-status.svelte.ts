/**
 * The AI queue's progress as the renderer sees it, polled from main while the app is open, and the
 * installed models. Components read it; nothing here computes a diagnosis.
 */
import type { AiStatus, ModelsList } from '../../../../shared/contract/ai.ts';
import { callApi } from '../../api/api.ts';

const POLL_RUNNING_MS = 1000;
const POLL_IDLE_MS = 5000;

class AiStatusStore {
  status = $state.raw<AiStatus | null>(null);
  models = $state.raw<ModelsList | null>(null);
  error = $state<string | null>(null);
  /** Bumped whenever the queue stored more results, so open panels reload theirs. */
  generation = $state(0);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDone = -1;

  start(): void {
    if (this.timer === null) void this.poll();
  }

  async refresh(): Promise<void> {
    try {
      const [status, models] = await Promise.all([callApi('ai.status', {}), callApi('models.list', {})]);
      if (status.done !== this.lastDone || status.modelId !== this.status?.modelId || status.running !== this.status?.running) this.generation++;
      this.lastDone = status.done;
      this.status = status;
      this.models = models;
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async poll(): Promise<void> {
    await this.refresh();
    this.timer = setTimeout(() => void this.poll(), this.status?.running ? POLL_RUNNING_MS : POLL_IDLE_MS);
  }

  async select(modelId: string): Promise<void> {
    this.status = await callApi('models.select', { modelId });
    await this.refresh();
  }

  async addModel(dir: string): Promise<void> {
    await callApi('models.add', { dir });
    await this.refresh();
  }
}

export const aiStatus = new AiStatusStore();
