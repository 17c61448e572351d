/**
 * Which onnxruntime execution providers to try, best first: CUDA, DirectML, CoreML, WebGPU, CPU.
 * Only those this onnxruntime build lists are tried; CPU always comes last as the safe fallback.
 */
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';

export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

export const PROVIDER_PREFERENCE: readonly ExecutionProviderName[] = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'];

/** `ECG_DESK_EXECUTION_PROVIDER=cpu` (or any listed name) pins one provider, with CPU still as fallback. */
export function candidateProviders(env: NodeJS.ProcessEnv = process.env): ExecutionProviderName[] {
  const listed = new Set(ort.listSupportedBackends().map((backend) => backend.name));
  const pinned = env.ECG_DESK_EXECUTION_PROVIDER;
  const preferred = PROVIDER_PREFERENCE.filter((name) => (pinned ? name === pinned : true));
  const candidates = preferred.filter((name) => name === 'cpu' || listed.has(name));
  return candidates.includes('cpu') ? candidates : [...candidates, 'cpu'];
}

/** One intra-op thread per core leaves nothing for the UI; keep one free on machines with more than two. */
export function intraOpThreads(): number {
  const cores = availableParallelism();
  return cores > 2 ? cores - 1 : cores;
}
