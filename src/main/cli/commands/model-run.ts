/** `ecg-desk model run MODEL --input FILE.json`: raw float32 [B, N] windows through a model, with timings. */
import { readFileSync } from 'node:fs';
import { loadModel, runModel } from '../../core/inference/inference-session.ts';
import { locateModel } from '../../core/inference/model-location.ts';
import { ModelImportError, ModelRunError } from '../../core/inference/model-import-error.ts';
import { resolveHomeDir } from '../../core/home.ts';
import { numberOption, parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../cli-command.ts';

class InputFileError extends Error {}

export const modelRunCommand: CliCommand = {
  name: ['model', 'run'],
  usage: 'model run MODEL --input FILE.json [--repeat N] [--json]',
  summary: "run a model on raw windows (the JSON's `input`: float32 [B, N]); prints logits and timings",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { input: { type: 'string' }, repeat: { type: 'string' } },
      { min: 1, max: 1, names: 'MODEL' },
    );
    if (!values.input) throw new UsageError('--input FILE.json is required');
    const repeat = numberOption(values.repeat, 'repeat') ?? 1;
    if (!Number.isInteger(repeat)) throw new UsageError(`--repeat must be a whole number, got '${values.repeat}'`);
    try {
      const { windows, batch } = readInputFile(values.input);
      const model = await loadModel(locateModel(positionals[0], resolveHomeDir(values.home, io.env)));
      const runs = [];
      for (let i = 0; i < repeat; i++) runs.push(await runModel(model, windows, batch));
      const last = runs[runs.length - 1];
      const logits = Array.from({ length: batch }, (_, b) => Array.from(last.logits.subarray(b * last.outputs, (b + 1) * last.outputs)));
      const timingsMs = { load: model.loadMs, run: median(runs.map((r) => r.runMs)) };
      if (values.json) {
        writeJson(io, { model: model.manifest.id, executionProvider: model.executionProvider, logits, timingsMs, repeat });
      } else {
        io.stdout(`${model.manifest.id} on ${model.executionProvider}: ${batch} window(s), load ${timingsMs.load.toFixed(0)} ms, run ${timingsMs.run.toFixed(1)} ms (median of ${repeat})\n`);
        for (const row of logits) io.stdout(`${row.map((v) => v.toFixed(5)).join(' ')}\n`);
      }
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ModelImportError || error instanceof InputFileError || error instanceof ModelRunError) {
        io.stderr(`ecg-desk model run: ${error.message}\n`);
        return EXIT_INPUT_FAILED;
      }
      throw error;
    }
  },
};

function readInputFile(path: string): { windows: Float32Array; batch: number } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputFileError(`${path}: cannot read JSON: ${(error as Error).message}`);
  }
  const rows = (json as { input?: unknown } | null)?.input;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every(Array.isArray)) {
    throw new InputFileError(`${path}: 'input' must be a non-empty array of windows (float32 [B, N])`);
  }
  const samples = (rows[0] as unknown[]).length;
  const windows = new Float32Array(rows.length * samples);
  rows.forEach((row: unknown[], b) => {
    if (row.length !== samples) throw new InputFileError(`${path}: window ${b} has ${row.length} samples, window 0 has ${samples}`);
    row.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputFileError(`${path}: input[${b}][${i}] is not a finite number`);
      windows[b * samples + i] = v;
    });
  });
  return { windows, batch: rows.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
