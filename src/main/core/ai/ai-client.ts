/** Starts the AI worker for a study and returns the AiService that talks to it, one message per call. */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../import/worker-url.ts';
import type { AiEngineOptions } from './ai-engine.ts';
import type { AiMethod, AiService } from './ai-service.ts';
import type { AiReply, AiRequest, AiStartup } from './ai-worker.ts';

/** An error raised in the AI worker, with its original class name (e.g. ModelImportError). */
export class AiWorkerError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
    this.name = 'AiWorkerError';
  }
}

export async function startAiWorker(options: AiEngineOptions, workerUrl = new URL('./ai-worker.ts', import.meta.url)): Promise<AiService> {
  const worker: Worker = startWorker(workerUrl, { workerData: options });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (startup: AiStartup) => (startup.ready ? resolve() : reject(new Error(startup.message))));
    worker.once('error', reject);
  });

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  worker.on('message', (reply: AiReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new AiWorkerError(reply.name, reply.message));
  });
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the AI worker stopped (exit code ${code})`)));

  const call = <T>(method: AiMethod | 'close', ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies AiRequest);
    });

  return {
    listModels: () => call('listModels'),
    selectModel: (modelId) => call('selectModel', modelId),
    addModel: (sourceDir) => call('addModel', sourceDir),
    status: () => call('status'),
    cancel: () => call('cancel'),
    kick: () => call('kick'),
    recordPredictions: (recordId) => call('recordPredictions', recordId),
    close: async () => {
      await call('close');
      await worker.terminate();
    },
  };
}
