/** A pool of worker threads that parse and encode files, so several cores share an import. */
import type { Worker } from 'node:worker_threads';
import type { ParseOptions } from '../formats/parser.ts';
import type { PrepareOutcome } from './prepare-record.ts';
import type { RecordPreparer } from './record-preparer.ts';
import { startWorker } from './worker-url.ts';

interface Pending {
  resolve(outcome: PrepareOutcome): void;
  path: string;
}

export function workerPreparer(workerCount: number, options?: ParseOptions): RecordPreparer {
  const workers: Worker[] = [];
  const pendingByWorker = new Map<Worker, Map<number, Pending>>();
  let nextId = 1;
  let nextWorker = 0;

  for (let i = 0; i < workerCount; i++) {
    const worker = startWorker(new URL('./prepare-worker.ts', import.meta.url), { workerData: { options } });
    const pending = new Map<number, Pending>();
    pendingByWorker.set(worker, pending);
    worker.on('message', (message: { id: number; outcome: PrepareOutcome }) => {
      pending.get(message.id)?.resolve(message.outcome);
      pending.delete(message.id);
    });
    // A worker that dies fails its files with the reason instead of hanging the import.
    const failAll = (reason: string) => {
      for (const [id, p] of pending) {
        p.resolve({ ok: false, path: p.path, filesRead: [p.path], error: `could not be read: ${reason}` });
        pending.delete(id);
      }
    };
    worker.on('error', (error) => failAll(error.message));
    worker.on('exit', (code) => failAll(`import worker exited with code ${code}`));
    workers.push(worker);
  }

  return {
    concurrency: workerCount * 2,
    prepare(path: string): Promise<PrepareOutcome> {
      const worker = workers[nextWorker++ % workers.length];
      const id = nextId++;
      return new Promise((resolve) => {
        pendingByWorker.get(worker)?.set(id, { resolve, path });
        worker.postMessage({ id, path });
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
