/**
 * onnxruntime sessions for installed models: created once per model folder (cached), on the best
 * execution provider that loads, and run on a whole batch of windows at once.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { candidateProviders, intraOpThreads, type ExecutionProviderName } from './execution-providers.ts';
import { MODEL_FILE_NAME, type ModelManifest } from './manifest.ts';
import { readInstalledModel } from './model-store.ts';
import { ModelRunError } from './model-import-error.ts';

export interface LoadedModel {
  modelDir: string;
  manifest: ModelManifest;
  session: ort.InferenceSession;
  executionProvider: ExecutionProviderName;
  /** Providers that were tried first and failed, with why. */
  providerFailures: { provider: ExecutionProviderName; error: string }[];
  loadMs: number;
}

export interface ModelRun {
  /** Row-major [batch, outputs]. */
  logits: Float32Array;
  batch: number;
  outputs: number;
  executionProvider: ExecutionProviderName;
  runMs: number;
}

const sessions = new Map<string, Promise<LoadedModel>>();

// Providers that cannot load are expected on most machines; their errors are thrown, caught and kept
// in providerFailures, so onnxruntime's own log of them would only be noise on stderr.
ort.env.logLevel = 'fatal';

export function loadModel(modelDir: string): Promise<LoadedModel> {
  const { modelDir: dir } = readInstalledModel(modelDir);
  let loading = sessions.get(dir);
  if (!loading) {
    loading = createSession(dir);
    sessions.set(dir, loading);
    loading.catch(() => sessions.delete(dir));
  }
  return loading;
}

async function createSession(modelDir: string): Promise<LoadedModel> {
  const { manifest } = readInstalledModel(modelDir);
  const startedMs = performance.now();
  const providerFailures: LoadedModel['providerFailures'] = [];
  for (const provider of candidateProviders()) {
    try {
      const session = await ort.InferenceSession.create(join(modelDir, MODEL_FILE_NAME), {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
        intraOpNumThreads: intraOpThreads(),
        interOpNumThreads: 1,
      });
      return { modelDir, manifest, session, executionProvider: provider, providerFailures, loadMs: performance.now() - startedMs };
    } catch (error) {
      providerFailures.push({ provider, error: (error as Error).message });
    }
  }
  const reasons = providerFailures.map((f) => `${f.provider}: ${f.error}`).join('; ');
  throw new Error(`${join(modelDir, MODEL_FILE_NAME)}: no execution provider could load the model (${reasons})`);
}

/** Runs `batch` windows of `manifest.inputSpec.samples` each (row-major) and returns the logits. */
export async function runModel(model: LoadedModel, windows: Float32Array, batch: number): Promise<ModelRun> {
  const { manifest, session } = model;
  const samples = windows.length / Math.max(batch, 1);
  if (batch < 1 || !Number.isInteger(samples) || samples < 1) {
    throw new ModelRunError(`input of ${windows.length} values does not split into ${batch} windows`);
  }
  const logitsName = manifest.outputs.logits;
  if (logitsName === null) throw new ModelRunError(`model '${manifest.id}' has no classification head: it yields embeddings only`);
  const startedMs = performance.now();
  let result: ort.InferenceSession.OnnxValueMapType;
  try {
    result = await session.run({ [manifest.inputName]: new ort.Tensor('float32', windows, [batch, samples]) }, [logitsName]);
  } catch (error) {
    throw new ModelRunError(`model '${manifest.id}' cannot run an input of [${batch}, ${samples}]: ${(error as Error).message}`);
  }
  const runMs = performance.now() - startedMs;
  const tensor = result[logitsName];
  const outputs = Number(tensor.dims[tensor.dims.length - 1]);
  return { logits: tensor.data as Float32Array, batch, outputs, executionProvider: model.executionProvider, runMs };
}

export async function releaseModels(): Promise<void> {
  const loaded = [...sessions.values()];
  sessions.clear();
  for (const loading of loaded) {
    await loading.then((m) => m.session.release()).catch(() => undefined);
  }
}
