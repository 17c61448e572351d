/** `ecg-desk predict FILE`: preprocess an ECG, run a HuBERT-ECG model on its windows, rank the labels. */
import { fileSource } from '../../core/formats/file-source.ts';
import { parseEcg } from '../../core/formats/registry.ts';
import { resolveHomeDir } from '../../core/home.ts';
import { loadModel, runModel } from '../../core/inference/inference-session.ts';
import { defaultDiagnosticModel, locateModel } from '../../core/inference/model-location.ts';
import { ModelImportError } from '../../core/inference/model-import-error.ts';
import { predictFromLogits } from '../../core/inference/prediction.ts';
import { HUBERT_PREPROCESSING_ID, preprocessForHubert } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';
import { ECG_FILE_OPTIONS, ECG_FILE_USAGE, ecgFileParseOptions, numberOption, parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_OK, type CliCommand } from '../cli-command.ts';
import { reportInputFailure } from '../input-failure.ts';

const NOT_DIAGNOSTIC_WARNING = 'This model is not a diagnostic model (test checkpoint or unnamed outputs): its outputs mean nothing clinically.';

export const predictCommand: CliCommand = {
  name: ['predict'],
  usage: `predict FILE [--model MODEL] [--json] [--top N] ${ECG_FILE_USAGE}`,
  summary: 'ranked HuBERT-ECG diagnoses and the mortality output for an ECG file',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { model: { type: 'string' }, top: { type: 'string' }, ...ECG_FILE_OPTIONS },
      { min: 1, max: 1, names: 'FILE' },
    );
    const file = positionals[0];
    const top = numberOption(values.top, 'top');
    const home = resolveHomeDir(values.home, io.env);
    try {
      const modelDir = values.model ? locateModel(values.model, home) : defaultDiagnosticModel(home);
      const model = await loadModel(modelDir);
      const { manifest } = model;
      if (manifest.preprocessingId !== HUBERT_PREPROCESSING_ID) {
        throw new ModelImportError(modelDir, `expects preprocessing '${manifest.preprocessingId}', which this version cannot produce`);
      }
      const record = parseEcg(fileSource(file), ecgFileParseOptions(values));
      const preprocessed = preprocessForHubert(record.rhythm);
      const samples = manifest.inputSpec.samples;
      const batch = new Float32Array(preprocessed.windows.length * samples);
      preprocessed.windows.forEach((w, i) => batch.set(w.input, i * samples));
      const run = await runModel(model, batch, preprocessed.windows.length);
      const prediction = predictFromLogits(manifest, run.logits, preprocessed.windows.length);
      const labels = prediction.labels.slice(0, top ?? prediction.labels.length);
      if (values.json) {
        writeJson(io, {
          file,
          model: { id: manifest.id, name: manifest.name, version: manifest.version, weightsSha256: manifest.weightsSha256, diagnostic: manifest.diagnostic },
          executionProvider: run.executionProvider,
          timingsMs: { load: model.loadMs, run: run.runMs },
          windows: preprocessed.windows.map((w) => ({ startS: w.startS })),
          aggregation: 'max over windows (meanProbability: mean over windows)',
          missingLeads: preprocessed.missingLeads,
          labels,
          mortality: prediction.mortality,
          ...(manifest.diagnostic ? {} : { warning: NOT_DIAGNOSTIC_WARNING }),
        });
      } else {
        io.stdout(`${file}: ${manifest.name} on ${run.executionProvider}, ${preprocessed.windows.length} window(s), max over windows\n`);
        if (!manifest.diagnostic) io.stdout(`WARNING: ${NOT_DIAGNOSTIC_WARNING}\n`);
        for (const l of labels.slice(0, top ?? 10)) io.stdout(`  ${l.probability.toFixed(3)}  ${l.code.padEnd(16)} ${l.name}\n`);
        if (prediction.mortality) {
          io.stdout(`Mortality output: ${prediction.mortality.probability.toFixed(3)} (${prediction.mortality.label})\n  ${prediction.mortality.caveat}\n`);
        }
      }
      return EXIT_OK;
    } catch (error) {
      return reportInputFailure(error, 'predict', file, io, values.json);
    }
  },
};
