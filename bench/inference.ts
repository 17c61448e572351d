/**
 * HuBERT-ECG inference benchmark: builds SMALL and BASE models with random weights of the real
 * shapes (never real weights), installs them through the model store, and measures model build,
 * load, one 5-s window, a batch of 4, one 10-s ECG (6 windows) and peak RSS, fp32 and int8.
 * Each case runs in its own process so that its peak RSS is its own.
 *   node --import tsx bench/inference.ts            all cases, markdown table, bench/results/
 *   node --import tsx bench/inference.ts small-fp32 one case, JSON on stdout
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, releaseModels, runModel } from '../src/main/core/inference/inference-session.ts';
import { installModel } from '../src/main/core/inference/model-store.ts';
import type { WeightPrecision } from '../src/main/core/inference/hubert-onnx.ts';
import { machineLine } from './bench-table.ts';
import { encodeSafetensors, HUBERT_SIZES, syntheticCheckpoint, syntheticConfig } from './inference-checkpoint.ts';

type SizeName = keyof typeof HUBERT_SIZES;
interface CaseResult {
  case: string;
  size: SizeName;
  precision: WeightPrecision;
  executionProvider: string;
  buildAndInstallMs: number;
  onnxMb: number;
  loadMs: number;
  window1Ms: number;
  batch4Ms: number;
  ecg10sMs: number;
  peakRssMb: number;
  logitsSample: number[];
}

const CASES = ['small-fp32', 'base-fp32', 'small-int8', 'base-int8'];
/** PyTorch eager, 2 threads, on this machine (issue 5): one window and a batch of four. */
const PYTORCH_MS: Record<SizeName, { window1: number; batch4: number }> = {
  small: { window1: 217, batch4: 707 },
  base: { window1: 493, batch4: 1368 },
};
const REPEATS = { window1: 5, batch4: 3, ecg10s: 3 };
const WARMUP_RUNS = 2;
const LABELS = 164;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A deterministic ECG-like input in [-1, 1] (the model input range after min-max scaling). */
function windows(count: number): Float32Array {
  const out = new Float32Array(count * 6000);
  for (let i = 0; i < out.length; i++) out[i] = Math.sin(i / 7) * 0.8 + Math.sin(i / 53) * 0.2;
  return out;
}

async function runCase(name: string): Promise<CaseResult> {
  const [size, precision] = name.split('-') as [SizeName, WeightPrecision];
  const work = mkdtempSync(join(tmpdir(), 'ecg-desk-bench-'));
  try {
    const checkpoint = join(work, 'checkpoint');
    mkdirSync(checkpoint);
    writeFileSync(join(checkpoint, 'config.json'), JSON.stringify(syntheticConfig(HUBERT_SIZES[size], LABELS)));
    writeFileSync(join(checkpoint, 'model.safetensors'), encodeSafetensors(syntheticCheckpoint(HUBERT_SIZES[size], LABELS)));
    let started = performance.now();
    const installed = await installModel(checkpoint, join(work, 'home'), { weightPrecision: precision });
    const buildAndInstallMs = performance.now() - started;
    const model = await loadModel(installed.modelDir);
    const timed = async (batch: number, repeats: number) => {
      const input = windows(batch);
      // Warm-up: the first runs of a shape allocate the memory arena and fault in the weights.
      for (let i = 0; i < WARMUP_RUNS; i++) await runModel(model, input, batch);
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        started = performance.now();
        await runModel(model, input, batch);
        times.push(performance.now() - started);
      }
      return median(times);
    };
    const window1Ms = await timed(1, REPEATS.window1);
    const batch4Ms = await timed(4, REPEATS.batch4);
    const ecg10sMs = await timed(6, REPEATS.ecg10s);
    const logits = (await runModel(model, windows(1), 1)).logits;
    await releaseModels();
    return {
      case: name,
      size,
      precision,
      executionProvider: model.executionProvider,
      buildAndInstallMs,
      onnxMb: statSync(join(installed.modelDir, 'model.onnx')).size / 1e6,
      loadMs: model.loadMs,
      window1Ms,
      batch4Ms,
      ecg10sMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      logitsSample: Array.from(logits),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function maxAbsDifference(a: number[], b: number[]): number {
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

function table(results: CaseResult[]): string {
  const fp32 = new Map(results.filter((r) => r.precision === 'fp32').map((r) => [r.size, r]));
  const rows = results.map((r) => {
    const torch = PYTORCH_MS[r.size];
    const reference = fp32.get(r.size);
    const error = r.precision === 'int8' && reference ? maxAbsDifference(r.logitsSample, reference.logitsSample).toFixed(4) : '—';
    const pct = (ms: number, base: number) => `${ms.toFixed(0)} (${((100 * ms) / base).toFixed(0)} %)`;
    return `| ${r.size.toUpperCase()} ${r.precision} | ${r.executionProvider} | ${r.buildAndInstallMs.toFixed(0)} | ${r.onnxMb.toFixed(0)} | ${r.loadMs.toFixed(0)} | ${pct(r.window1Ms, torch.window1)} | ${pct(r.batch4Ms, torch.batch4)} | ${r.ecg10sMs.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${error} |`;
  });
  return [
    '## inference',
    '',
    `Machine: ${machineLine()}. Times in ms (median); % of PyTorch eager (SMALL 217/707 ms, BASE 493/1368 ms for 1 window / batch 4).`,
    '',
    '| model | provider | build + install ms | ONNX MB | load ms | 1 window ms (% torch) | batch 4 ms (% torch) | 10-s ECG, 6 windows ms | peak RSS MB | max logit error vs fp32 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only) {
    if (!CASES.includes(only)) throw new Error(`unknown case '${only}' (${CASES.join(', ')})`);
    process.stdout.write(`${JSON.stringify(await runCase(only))}\n`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results = CASES.map((name) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 })) as CaseResult);
  const markdown = table(results);
  const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'inference.json'), JSON.stringify(results.map(({ logitsSample: _l, ...r }) => r), null, 2));
  writeFileSync(join(resultsDir, 'inference.md'), `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
}

await main();
