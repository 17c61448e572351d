/** A StudyBackend whose study lives in the database worker; each call is one message and one reply. */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../import/worker-url.ts';
import type { StudyBackend, StudyMethod } from '../study/study-backend.ts';
import type { DbReply, DbRequest, DbStartup } from './db-worker.ts';
import { remoteMeasurementBackend } from '../measurements/measurement-backend.ts';

export async function openStudyWorker(databasePath: string): Promise<StudyBackend> {
  const worker: Worker = startWorker(new URL('./db-worker.ts', import.meta.url), { workerData: { databasePath } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (startup: DbStartup) => (startup.ready ? resolve() : reject(new Error(startup.message))));
    worker.once('error', reject);
  });

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  worker.on('message', (reply: DbReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(reply.message));
  });
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the study database worker stopped (exit code ${code})`)));

  const call = <T>(method: StudyMethod | 'close', ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies DbRequest);
    });

  return {
    info: () => call('info'),
    startImport: (paths) => call('startImport', paths),
    cancelImport: (batchId) => call('cancelImport', batchId),
    importProgress: (batchId) => call('importProgress', batchId),
    worklistPage: (query) => call('worklistPage', query),
    aiRisks: (ids) => call('aiRisks', ids),
    getRecord: (id) => call('getRecord', id),
    priors: (id) => call('priors', id),
    setStatus: (id, status) => call('setStatus', id, status),
    ...remoteMeasurementBackend(call),
    close: async () => {
      await call('close');
      await worker.terminate();
    },
  };
}
