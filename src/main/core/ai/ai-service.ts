/** The AI queue as the API sees it: asynchronous, so it can live in a worker thread (ai-client.ts) or in place. */
import type { AiStatus, ModelsList, ModelSummary, RecordPredictions } from '../../../shared/contract/ai.ts';
import type { AiEngine } from './ai-engine.ts';

export interface AiService {
  listModels(): Promise<ModelsList>;
  selectModel(modelId: string): Promise<AiStatus>;
  addModel(sourceDir: string): Promise<ModelSummary>;
  status(): Promise<AiStatus>;
  cancel(): Promise<AiStatus>;
  /** Look for records the selected model has not read (after an import). */
  kick(): Promise<void>;
  /** Undefined when the study has no such record. */
  recordPredictions(recordId: number): Promise<RecordPredictions | undefined>;
  close(): Promise<void>;
}

export type AiMethod = Exclude<keyof AiService, 'close'>;

export function localAiService(engine: AiEngine): AiService {
  return {
    listModels: async () => engine.listModels(),
    selectModel: (modelId) => engine.selectModel(modelId),
    addModel: (sourceDir) => engine.addModel(sourceDir),
    status: async () => engine.status(),
    cancel: () => engine.cancel(),
    kick: async () => engine.kick(),
    recordPredictions: async (recordId) => engine.recordPredictions(recordId),
    close: () => engine.close(),
  };
}
