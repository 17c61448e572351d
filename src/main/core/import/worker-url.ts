/**
 * Starts a worker module. A built .js worker starts as is; a .ts source (CLI via tsx, tests) starts
 * from a bootstrap that registers tsx's require hook in the worker first, because Node 20 applies
 * neither `--import tsx` nor tsx's ESM loader to a Worker's own entry.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxRequireHook)}).register(); require(${JSON.stringify(fileURLToPath(url))});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
