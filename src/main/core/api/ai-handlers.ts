/** The AI calls of the contract (src/shared/contract/ai.ts), answered by the AI service; merged into handlers.ts. */
import type { z } from 'zod';
import type { AI_API } from '../../../shared/contract/ai.ts';
import type { AiService } from '../ai/ai-service.ts';

type AiName = keyof typeof AI_API;
type AiHandlers = { [N in AiName]: (args: z.infer<(typeof AI_API)[N]['args']>) => Promise<(typeof AI_API)[N]['result']> };

/** `found` is the dispatcher's own check, so a missing record is reported as 'not-found' like every other call. */
export function aiHandlers(ai: AiService | undefined, found: <T>(value: T | undefined, what: string) => T): AiHandlers {
  const service = (): AiService => {
    if (!ai) throw new Error('the AI service is not running in this process');
    return ai;
  };
  return {
    'models.list': () => service().listModels(),
    'models.select': ({ modelId }) => service().selectModel(modelId),
    'models.add': ({ dir }) => service().addModel(dir),
    'ai.status': () => service().status(),
    'ai.cancel': () => service().cancel(),
    'record.predictions': async ({ id }) => found(await service().recordPredictions(id), `record ${id}`),
  };
}
