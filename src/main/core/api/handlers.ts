/**
 * The API behind the renderer contract: every call of src/shared/contract/api.ts, arguments
 * validated with its zod schema, errors returned as data. Electron's main and the e2e test host
 * both route calls through dispatch().
 */
import { API, type ApiName, type ApiResponse, type ApiResult } from '../../../shared/contract/api.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { StudyBackend } from '../study/study-backend.ts';
import { measurementHandlers } from './measurement-handlers.ts';
import { aiHandlers } from './ai-handlers.ts';
import type { AiService } from '../ai/ai-service.ts';

/** A missing record or batch: reported as 'not-found'. */
class NotFoundError extends Error {}

type Handlers = { [N in ApiName]: (args: import('zod').infer<(typeof API)[N]['args']>) => Promise<ApiResult<N>> };

export interface ApiDispatcher {
  dispatch<N extends ApiName>(name: N, rawArgs: unknown): Promise<ApiResponse<N>>;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
}

/** Without `ai` (hosts that run no inference queue) the AI calls answer with an error. */
export function createApiHandlers(study: StudyBackend, settings: SettingsStore, ai?: AiService): ApiDispatcher {
  const handlers: Handlers = {
    'study.info': () => study.info(),
    'import.start': async ({ paths }) => ({ batchId: await study.startImport(paths) }),
    'import.cancel': async ({ batchId }) => ({ cancelled: await study.cancelImport(batchId) }),
    'import.progress': async ({ batchId }) => found(await study.importProgress(batchId), `import batch ${batchId}`),
    'worklist.page': (query) => study.worklistPage(query),
    'worklist.aiRisks': ({ ids }) => study.aiRisks(ids),
    'record.get': async ({ id }) => found(await study.getRecord(id), `record ${id}`),
    'record.priors': async ({ id }) => found(await study.priors(id), `record ${id}`),
    'record.setStatus': async ({ id, status }) => {
      if (!(await study.setStatus(id, status))) throw new NotFoundError(`record ${id} not found`);
      return { id, status };
    },
    'settings.get': async () => settings.get(),
    'settings.set': async (changes) => settings.set(changes),
    ...measurementHandlers(study, settings, found),
    ...aiHandlers(ai, found),
  };

  return {
    async dispatch<N extends ApiName>(name: N, rawArgs: unknown): Promise<ApiResponse<N>> {
      if (!Object.hasOwn(API, name)) {
        return { ok: false, error: { code: 'invalid-argument', message: `unknown call '${String(name)}'` } };
      }
      const parsed = API[name].args.safeParse(rawArgs ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        return { ok: false, error: { code: 'invalid-argument', message: `${name}: ${where}${issue?.message ?? 'invalid arguments'}` } };
      }
      try {
        const handler = handlers[name] as (args: unknown) => Promise<ApiResult<N>>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: error instanceof NotFoundError ? 'not-found' : 'failed', message } };
      }
    },
  };
}
