/**
 * The inference worker thread: onnxruntime calls block their thread for the whole run, so the app
 * keeps them here, off the main process's event loop. One request at a time, in arrival order.
 */
import { parentPort } from 'node:worker_threads';
import { loadModel, runModel } from './inference-session.ts';
import type { InferenceRequest, InferenceResponse } from './inference-protocol.ts';
import { installModel } from './model-store.ts';

const port = parentPort;
if (!port) throw new Error('inference-worker.ts must run in a worker thread');

let queue: Promise<void> = Promise.resolve();

port.on('message', (request: InferenceRequest) => {
  queue = queue.then(() => handle(request)).then((response) => {
    const transfer = response.ok && response.type === 'run' ? [response.result.logits.buffer as ArrayBuffer] : [];
    port.postMessage(response, transfer);
  });
});

async function handle(request: InferenceRequest): Promise<InferenceResponse> {
  try {
    if (request.type === 'install') {
      const result = await installModel(request.sourceDir, request.home, { weightPrecision: request.weightPrecision });
      return { id: request.id, ok: true, type: 'install', result };
    }
    const model = await loadModel(request.modelDir);
    const run = await runModel(model, request.windows, request.batch);
    return {
      id: request.id,
      ok: true,
      type: 'run',
      result: { ...run, logits: run.logits.slice(), modelId: model.manifest.id, loadMs: model.loadMs },
    };
  } catch (error) {
    const e = error as Error;
    return { id: request.id, ok: false, error: { name: e.name, message: e.message } };
  }
}
