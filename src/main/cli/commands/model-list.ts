/** `ecg-desk model list`: the models in the user data folder's model store. */
import { listModels } from '../../core/inference/model-store.ts';
import { resolveHomeDir } from '../../core/home.ts';
import { parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_OK, type CliCommand } from '../cli-command.ts';

export const modelListCommand: CliCommand = {
  name: ['model', 'list'],
  usage: 'model list [--json]',
  summary: 'list installed models',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {}, { min: 0, max: 0, names: '' });
    const { models, problems } = listModels(resolveHomeDir(values.home, io.env));
    if (values.json) {
      writeJson(io, {
        models: models.map(({ modelDir, manifest: m }) => ({
          modelDir,
          id: m.id,
          name: m.name,
          version: m.version,
          task: m.task,
          labels: m.labels.length,
          diagnostic: m.diagnostic,
          weightPrecision: m.weightPrecision,
          licence: m.licence,
          createdAt: m.createdAt,
        })),
        problems,
      });
      return EXIT_OK;
    }
    if (models.length === 0) io.stdout('No models installed. Add a HuBERT-ECG checkpoint with: ecg-desk model add DIR\n');
    for (const { modelDir, manifest: m } of models) {
      io.stdout(`${m.id}${m.diagnostic ? '' : '  [not diagnostic]'}\n  ${m.name}\n  ${modelDir}\n`);
    }
    for (const problem of problems) io.stderr(`skipped: ${problem}\n`);
    return EXIT_OK;
  },
};
