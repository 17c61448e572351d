/** The demo study in a temporary folder, opened through the database worker and the API handlers, as main opens it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiHandlers, type ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { openStudyWorker } from '../../src/main/core/db/db-client.ts';
import { settingsFileStore } from '../../src/main/core/settings/settings-store.ts';
import { importDemoStudy } from '../../src/main/core/study/demo-study.ts';
import type { StudyBackend } from '../../src/main/core/study/study-backend.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';

export interface DemoStudyApi {
  databasePath: string;
  recordIds: number[];
  backend: StudyBackend;
  api: ApiDispatcher;
  close(): Promise<void>;
}

export async function openDemoStudyApi(folderPrefix: string): Promise<DemoStudyApi> {
  const folder = mkdtempSync(join(tmpdir(), folderPrefix));
  const databasePath = join(folder, 'study.sqlite');
  const study = new StudyService(databasePath, 'test');
  const { recordIds } = await importDemoStudy(study);
  study.close();
  const backend = await openStudyWorker(databasePath);
  const api = createApiHandlers(backend, settingsFileStore(join(folder, 'settings.json')));
  return {
    databasePath,
    recordIds,
    backend,
    api,
    close: async () => {
      await backend.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
