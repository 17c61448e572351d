/** The app's handle on the inference worker: promise-returning calls, one worker per client. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WeightPrecision } from './hubert-onnx.ts';
import type { InferenceRequest, InferenceResponse, RunResult } from './inference-protocol.ts';
import type { InstallResult } from './model-store.ts';
import { workerEntryUrl } from '../import/worker-url.ts';

type Pending = { resolve: (response: InferenceResponse) => void; reject: (error: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = WithoutId<InferenceRequest>;

/** An error the worker reported, with its original class name (e.g. ModelImportError). */
export class InferenceWorkerError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
    this.name = 'InferenceWorkerError';
  }
}

export class InferenceClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** From TypeScript sources the worker runs through tsx; in a bundled build, its compiled bundle beside main's. */
  constructor(workerUrl: URL = new URL('./inference-worker.ts', import.meta.url)) {
    const entryUrl = workerEntryUrl(workerUrl);
    this.worker = entryUrl.pathname.endsWith('.ts') ? typeScriptWorker(entryUrl) : new Worker(entryUrl);
    this.worker.on('message', (response: InferenceResponse) => {
      this.pending.get(response.id)?.resolve(response);
      this.pending.delete(response.id);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`inference worker exited with code ${code}`)));
  }

  async run(modelDir: string, windows: Float32Array, batch: number): Promise<RunResult> {
    // Copy so that the caller's array survives the transfer to the worker.
    const copy = windows.slice();
    const response = await this.send({ type: 'run', modelDir, windows: copy, batch }, [copy.buffer]);
    if (response.ok && response.type === 'run') return response.result;
    throw this.errorOf(response);
  }

  async install(sourceDir: string, home: string, weightPrecision: WeightPrecision = 'fp32'): Promise<InstallResult> {
    const response = await this.send({ type: 'install', sourceDir, home, weightPrecision }, []);
    if (response.ok && response.type === 'install') return response.result;
    throw this.errorOf(response);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private send(body: RequestBody, transfer: ArrayBuffer[]): Promise<InferenceResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  private errorOf(response: InferenceResponse): Error {
    if (response.ok) return new Error(`unexpected ${response.type} response`);
    return new InferenceWorkerError(response.error.name, response.error.message);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * Node 20 does not apply `execArgv: ['--import', 'tsx']` to worker threads, so a two-line bootstrap
 * registers tsx inside the worker before importing the TypeScript module.
 */
function typeScriptWorker(moduleUrl: URL): Worker {
  // require.resolve picks the CommonJS build of tsx's API; its ESM twin (same folder, .mjs) is the one that registers.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
