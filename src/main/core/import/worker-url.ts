/**
 * Starts a worker thread from its TypeScript source URL (`new URL('./x-worker.ts', import.meta.url)`).
 * - From sources (CLI via tsx, tests) the .ts starts from a bootstrap that registers tsx's require
 *   hook in the worker first, because Node 20 applies neither `--import tsx` nor tsx's ESM loader to
 *   a Worker's own entry.
 * - In the bundled app (electron-vite, packaged or not) the sources are gone: every worker is an entry
 *   of its own, `x-worker.js`, in the folder of the main bundle and its chunks, this module's included
 *   (electron.vite.config.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The source itself when it is there, else the bundled worker of the same name. */
export function workerEntryUrl(sourceUrl: URL): URL {
  if (!sourceUrl.pathname.endsWith('.ts') || existsSync(fileURLToPath(sourceUrl))) return sourceUrl;
  return new URL(`./${basename(fileURLToPath(sourceUrl), '.ts')}.js`, import.meta.url);
}

export function startWorker(sourceUrl: URL, options: WorkerOptions = {}): Worker {
  const url = workerEntryUrl(sourceUrl);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxRequireHook)}).register(); require(${JSON.stringify(fileURLToPath(url))});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
