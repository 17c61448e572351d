// Says what the offline install skipped, so a missing Electron binary or CUDA provider is never a mystery.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const notes = [];
try {
  const electronDir = require.resolve('electron/package.json').replace(/package\.json$/, '');
  if (!existsSync(`${electronDir}path.txt`)) {
    notes.push(
      'Electron binary not downloaded yet (it comes on first `npm run dev`, or now with `npx install-electron` when a network allows); ' +
        'the CLI, tests and e2e host need no Electron.'
    );
  }
} catch {
  // electron is a dev dependency; a production install has none and needs no note.
}
if (process.env.ONNXRUNTIME_NODE_INSTALL === 'skip' || process.env.ONNXRUNTIME_NODE_INSTALL_CUDA === 'skip') {
  notes.push(
    'ONNX Runtime CUDA provider not downloaded: inference uses the CPU (or WebGPU/DirectML/CoreML where bundled). ' +
      'With a network and an NVIDIA GPU: `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node`.'
  );
}
for (const note of notes) console.log(`ecg-desk: ${note}`);
