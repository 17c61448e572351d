/**
 * The AI worker thread: hosts the AiEngine (SQLite reads and writes, preprocessing, onnxruntime) off
 * main's event loop and answers the calls ai-client.ts sends. Errors go back as messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AiEngine, type AiEngineOptions } from './ai-engine.ts';
import { localAiService, type AiMethod } from './ai-service.ts';

export interface AiRequest {
  id: number;
  method: AiMethod | 'close';
  args: unknown[];
}

export type AiReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; name: string; message: string };

export type AiStartup = { ready: true } | { ready: false; message: string };

const port = parentPort;
if (!port) throw new Error('ai-worker.ts must run as a worker thread');

let engine: AiEngine;
try {
  engine = new AiEngine(workerData as AiEngineOptions);
  port.postMessage({ ready: true } satisfies AiStartup);
} catch (error) {
  port.postMessage({ ready: false, message: (error as Error).message } satisfies AiStartup);
  process.exit(1);
}
const service = localAiService(engine);

port.on('message', async (request: AiRequest) => {
  try {
    const method = service[request.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await method(...request.args);
    port.postMessage({ id: request.id, ok: true, value } satisfies AiReply);
    if (request.method === 'close') port.close();
  } catch (error) {
    const e = error as Error;
    port.postMessage({ id: request.id, ok: false, name: e.name, message: e.message } satisfies AiReply);
  }
});
