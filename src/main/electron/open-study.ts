/**
 * The study the window works on. Opening another one starts a fresh database worker and API
 * dispatcher; calls already in flight finish on the old one, which is then closed.
 */
import { openStudyWorker } from '../core/db/db-client.ts';
import { createApiHandlers, type ApiDispatcher } from '../core/api/handlers.ts';
import type { SettingsStore } from '../core/settings/settings-store.ts';
import type { StudyBackend } from '../core/study/study-backend.ts';

export class OpenStudy {
  private backend: StudyBackend | null = null;
  private current: ApiDispatcher | null = null;

  constructor(private readonly settings: SettingsStore) {}

  get dispatcher(): ApiDispatcher {
    if (!this.current) throw new Error('no study is open');
    return this.current;
  }

  async open(databasePath: string): Promise<void> {
    const backend = await openStudyWorker(databasePath);
    const previous = this.backend;
    this.backend = backend;
    this.current = createApiHandlers(backend, this.settings);
    await previous?.close();
  }

  async close(): Promise<void> {
    await this.backend?.close();
    this.backend = null;
    this.current = null;
  }
}
