/**
 * The database worker: owns the one StudyService (the single writer) off main's event loop and
 * answers the calls db-client.ts sends. Errors go back as messages, never as a dead worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StudyService } from '../study/study-service.ts';
import { localStudyBackend, type StudyMethod } from '../study/study-backend.ts';

export interface DbRequest {
  id: number;
  method: StudyMethod | 'close';
  args: unknown[];
}

export type DbReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export type DbStartup = { ready: true } | { ready: false; message: string };

const port = parentPort;
if (!port) throw new Error('db-worker.ts must run as a worker thread');
const { databasePath } = workerData as { databasePath: string };

let study: StudyService;
try {
  study = new StudyService(databasePath);
  port.postMessage({ ready: true } satisfies DbStartup);
} catch (error) {
  port.postMessage({ ready: false, message: (error as Error).message } satisfies DbStartup);
  process.exit(1);
}
const backend = localStudyBackend(study);

port.on('message', async (request: DbRequest) => {
  try {
    const method = backend[request.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await method(...request.args);
    port.postMessage({ id: request.id, ok: true, value } satisfies DbReply);
    if (request.method === 'close') port.close();
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, message: (error as Error).message } satisfies DbReply);
  }
});
