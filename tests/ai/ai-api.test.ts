/**
 * The AI calls through the contract, as the app runs them: the database worker and the AI worker
 * thread behind createApiHandlers; an import through the API starts the queue by itself.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { createApiHandlers } from '../../src/main/core/api/handlers.ts';
import { startAiWorker } from '../../src/main/core/ai/ai-client.ts';
import type { AiService } from '../../src/main/core/ai/ai-service.ts';
import { withAiAfterImport } from '../../src/main/core/ai/import-hook.ts';
import { openStudyWorker } from '../../src/main/core/db/db-client.ts';
import type { InstallResult } from '../../src/main/core/inference/model-store.ts';
import { settingsFileStore } from '../../src/main/core/settings/settings-store.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import type { StudyBackend } from '../../src/main/core/study/study-backend.ts';
import type { ApiName, ApiResult } from '../../src/shared/contract/api.ts';
import { ECG_FILES, installTestModel, tempDir, tempHome, tiny164Checkpoint } from './helpers.ts';

let study: StudyBackend;
let ai: AiService;
let api: ApiDispatcher;
let model: InstallResult;

async function call<N extends ApiName>(name: N, args: unknown): Promise<ApiResult<N>> {
  const response = await api.dispatch(name, args);
  if (!response.ok) throw new Error(`${name}: ${response.error.code}: ${response.error.message}`);
  return response.value;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const home = tempHome(true);
  model = await installTestModel(tiny164Checkpoint(), home);
  const databasePath = join(tempDir('ai-api'), 'study.sqlite');
  // Create the schema before two connections open it.
  new StudyService(databasePath, 'test').close();
  study = await openStudyWorker(databasePath);
  ai = await startAiWorker({ databasePath, home, actor: 'test' });
  api = createApiHandlers(withAiAfterImport(study, ai, 100), settingsFileStore(join(home, 'settings.json')), ai);
}, 120_000);

afterAll(async () => {
  await ai?.close();
  await study?.close();
});

describe('AI calls over the AI worker', () => {
  it('lists the installed test model as offered and selects it, since it is the only one', async () => {
    const list = await call('models.list', {});
    expect(list.models.map((m) => [m.id, m.offered, m.selected, m.diagnostic])).toEqual([[model.manifest.id, true, true, false]]);
    expect(list.selectedModelId).toBe(model.manifest.id);
    expect(list.models[0].licence).toMatch(/CC BY-NC 4.0/);
    expect((await call('ai.status', {})).testModelWarning).toBe('TEST MODEL — random weights, not a diagnosis');
  });

  it('analyses a record imported through the API without being asked', async () => {
    const { batchId } = await call('import.start', { paths: [ECG_FILES.challenge500Hz] });
    await until('the import', () => call('import.progress', { batchId }), (p) => p.finished);
    const page = await call('worklist.page', { offset: 0, limit: 10 });
    const id = page.rows[0].id;
    const predictions = await until('the prediction', () => call('record.predictions', { id }), (p) => p.state === 'analysed');
    expect(predictions.run?.windowCount).toBe(6);
    expect(predictions.model?.id).toBe(model.manifest.id);
    expect(predictions.diagnoses?.groups).toHaveLength(114);
    expect(predictions.mortality?.caveat).toMatch(/Chagas-cardiomyopathy cohort \(SaMi-Trop, Brazil\)/);
    const status = await call('ai.status', {});
    expect(status).toMatchObject({ state: 'idle', queued: 0, running: false, modelId: model.manifest.id });
    expect(status.executionProvider).toBe(predictions.run?.executionProvider);
    const sorted = await call('worklist.page', { offset: 0, limit: 10, sort: { column: 'aiRisk', direction: 'desc' } });
    expect(sorted.rows[0].aiRisk).toBeCloseTo(predictions.diagnoses?.groups.find((g) => !['NORM', 'SR'].includes(g.rootCode))?.score ?? -1, 6);
  });

  it('validates arguments in main and reports a missing record as not-found', async () => {
    expect(await api.dispatch('models.select', { modelId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await api.dispatch('record.predictions', { id: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await api.dispatch('record.predictions', { id: 424242 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'record 424242 not found' },
    });
    expect(await api.dispatch('models.select', { modelId: 'not-installed' })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: "no installed model has the id 'not-installed'" },
    });
    expect(await api.dispatch('models.add', { dir: tempDir('empty-model') })).toMatchObject({ ok: false, error: { message: /no model found/ } });
    expect((await call('ai.cancel', {})).running).toBe(false);
  });
});
