/** `ecg-desk model add DIR`: compile a HuBERT-ECG checkpoint (or take an ONNX model + manifest) into the model store. */
import { installModel } from '../../core/inference/model-store.ts';
import { ModelImportError } from '../../core/inference/model-import-error.ts';
import { resolveHomeDir } from '../../core/home.ts';
import { parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, type CliCommand } from '../cli-command.ts';

export const modelAddCommand: CliCommand = {
  name: ['model', 'add'],
  usage: 'model add DIR [--json] [--int8]',
  summary: 'install a model: config.json + model.safetensors (HuBERT-ECG) or model.onnx + manifest.json',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { int8: { type: 'boolean', default: false } }, { min: 1, max: 1, names: 'DIR' });
    const home = resolveHomeDir(values.home, io.env);
    try {
      const result = await installModel(positionals[0], home, { weightPrecision: values.int8 ? 'int8' : 'fp32' });
      const { manifest } = result;
      if (values.json) {
        writeJson(io, {
          modelDir: result.modelDir,
          id: manifest.id,
          name: manifest.name,
          installed: result.installed,
          kind: result.kind,
          task: manifest.task,
          labels: manifest.labels.length,
          diagnostic: manifest.diagnostic,
          weightPrecision: manifest.weightPrecision,
          weightsSha256: manifest.weightsSha256,
        });
      } else {
        const verb = result.installed ? 'installed' : 'already installed';
        const use = manifest.diagnostic ? '' : ' (not offered for diagnosis)';
        io.stdout(`${verb}: ${manifest.name}${use}\n  ${result.modelDir}\n`);
      }
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ModelImportError) {
        io.stderr(`ecg-desk model add: ${error.message}\n`);
        return EXIT_INPUT_FAILED;
      }
      throw error;
    }
  },
};
