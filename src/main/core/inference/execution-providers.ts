/**
 * Which onnxruntime execution providers to try, best first: CUDA, DirectML, CoreML, WebGPU, CPU.
 * Only those this onnxruntime build lists are tried; CPU always comes last as the safe fallback.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

export const PROVIDER_PREFERENCE: readonly ExecutionProviderName[] = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'];

/**
 * onnxruntime-node lists CUDA wherever it could be installed; the provider library itself is fetched
 * separately (scripts/postinstall.mjs). Trying it when absent only prints a loader error.
 */
function cudaProviderInstalled(): boolean {
  const packageDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  const binDir = join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
  return existsSync(join(binDir, process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so'));
}

/** WebGPU on Linux runs over Vulkan; without its loader Dawn only prints a warning and fails. */
const LINUX_LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib'];
function webGpuUsable(): boolean {
  return process.platform !== 'linux' || LINUX_LIBRARY_DIRS.some((dir) => existsSync(join(dir, 'libvulkan.so.1')));
}

/** `ECG_DESK_EXECUTION_PROVIDER=cpu` (or any listed name) pins one provider, with CPU still as fallback. */
export function candidateProviders(env: NodeJS.ProcessEnv = process.env): ExecutionProviderName[] {
  const listed = new Set(ort.listSupportedBackends().map((backend) => backend.name));
  const pinned = env.ECG_DESK_EXECUTION_PROVIDER;
  const preferred = PROVIDER_PREFERENCE.filter((name) => (pinned ? name === pinned : true));
  const candidates = preferred.filter(
    (name) =>
      name === 'cpu' ||
      (listed.has(name) && (name !== 'cuda' || cudaProviderInstalled()) && (name !== 'webgpu' || webGpuUsable()))
  );
  return candidates.includes('cpu') ? candidates : [...candidates, 'cpu'];
}

/** One intra-op thread per core leaves nothing for the UI; keep one free on machines with more than two. */
export function intraOpThreads(): number {
  const cores = availableParallelism();
  return cores > 2 ? cores - 1 : cores;
}
