// Fetches what the npm registry does not carry (the Electron binary, ONNX Runtime's CUDA provider)
// when a network allows, and otherwise says what was skipped: an offline install never fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const DOWNLOAD_TIMEOUT_MS = 180_000;

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** Runs a dependency's own download script; true when it succeeded within the time limit. */
function tryDownload(script, env) {
  const result = spawnSync(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  return result.status === 0;
}

function electronBinary() {
  const dir = packageDir('electron');
  if (!dir) return; // production install: electron is a dev dependency
  if (existsSync(join(dir, 'path.txt'))) return;
  const why = 'the CLI, the tests and the e2e host need no Electron';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(`ecg-desk: Electron binary skipped (ELECTRON_SKIP_BINARY_DOWNLOAD); ${why}. Later: npx install-electron`);
  } else if (tryDownload(join(dir, 'install.js'), {})) {
    console.log('ecg-desk: Electron binary downloaded.');
  } else {
    console.log(`ecg-desk: Electron binary could not be downloaded (no network?); ${why}. Later: npx install-electron`);
  }
}

function cudaProvider() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return; // DirectML/CoreML ship inside the package
  const dir = packageDir('onnxruntime-node');
  if (!dir || existsSync(join(dir, 'bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so'))) return;
  const later = 'later, with a network: ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node';
  if (process.env.ONNXRUNTIME_NODE_INSTALL === 'skip') {
    console.log(`ecg-desk: ONNX Runtime CUDA provider skipped (ONNXRUNTIME_NODE_INSTALL=skip); inference runs on the CPU; ${later}`);
  } else if (!existsSync('/proc/driver/nvidia/version')) {
    console.log('ecg-desk: no NVIDIA GPU found, so the ONNX Runtime CUDA provider was not fetched; inference runs on the CPU.');
  } else if (tryDownload(join(dir, 'script/install.js'), { ONNXRUNTIME_NODE_INSTALL: 'cuda12', npm_config_onnxruntime_node_install: '' })) {
    console.log('ecg-desk: ONNX Runtime CUDA provider downloaded: inference uses the GPU.');
  } else {
    console.log(`ecg-desk: ONNX Runtime CUDA provider could not be downloaded (no network?); inference runs on the CPU; ${later}`);
  }
}

electronBinary();
cudaProvider();
