/**
 * The study the window works on. Opening another one starts a fresh database worker and API
 * dispatcher; calls already in flight finish on the old one, which is then closed.
 */
import { openStudyWorker } from '../core/db/db-client.ts';
import { createApiHandlers, type ApiDispatcher } from '../core/api/handlers.ts';
import type { SettingsStore } from '../core/settings/settings-store.ts';
import type { StudyBackend } from '../core/study/study-backend.ts';
import { userInfo } from 'node:os';
import { startAiWorker } from '../core/ai/ai-client.ts';
import type { AiService } from '../core/ai/ai-service.ts';
import { withAiAfterImport } from '../core/ai/import-hook.ts';
import { withMeasurementsAfterImport } from '../core/measurements/measure-after-import.ts';

export class OpenStudy {
  private backend: StudyBackend | null = null;
  private current: ApiDispatcher | null = null;
  private ai: AiService | null = null;

  /** `home`: the user data folder, where the AI models live. */
  constructor(
    private readonly settings: SettingsStore,
    private readonly home: string
  ) {}

  get dispatcher(): ApiDispatcher {
    if (!this.current) throw new Error('no study is open');
    return this.current;
  }

  async open(databasePath: string): Promise<void> {
    const backend = await openStudyWorker(databasePath);
    const ai = await startAiWorker({ databasePath, home: this.home, actor: userInfo().username });
    const previous = this.backend;
    const previousAi = this.ai;
    this.backend = backend;
    this.ai = ai;
    this.current = createApiHandlers(withAiAfterImport(withMeasurementsAfterImport(backend), ai), this.settings, ai);
    await previousAi?.close();
    await previous?.close();
  }

  async close(): Promise<void> {
    await this.ai?.close();
    this.ai = null;
    await this.backend?.close();
    this.backend = null;
    this.current = null;
  }
}
