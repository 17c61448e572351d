/** `ecg-desk preprocess FILE`: the HuBERT-ECG model input exactly as fed, window by window. */
import { fileSource } from '../../core/formats/file-source.ts';
import { parseEcg } from '../../core/formats/registry.ts';
import { EcgParseError } from '../../core/formats/parser.ts';
import { PreprocessingError, preprocessForHubert } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';
import { numberOption, parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, type CliCommand } from '../cli-command.ts';

export const preprocessCommand: CliCommand = {
  name: ['preprocess'],
  usage: 'preprocess FILE [--json] [--sample-rate HZ] [--uv-per-unit UV]',
  summary: 'show the HuBERT-ECG input windows (float32[6000] each) for an ECG file',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { 'sample-rate': { type: 'string' }, 'uv-per-unit': { type: 'string' } },
      { min: 1, max: 1, names: 'FILE' }
    );
    const file = positionals[0];
    try {
      const record = parseEcg(fileSource(file), {
        sampleRateHz: numberOption(values['sample-rate'], 'sample-rate'),
        uvPerUnit: numberOption(values['uv-per-unit'], 'uv-per-unit'),
      });
      const result = preprocessForHubert(record.rhythm);
      if (values.json) {
        writeJson(io, {
          file,
          preprocessingId: result.preprocessingId,
          analysedDurationS: result.analysedDurationS,
          missingLeads: result.missingLeads,
          derivedLeads: result.derivedLeads,
          windows: result.windows.map((w) => ({ startS: w.startS, input: w.input })),
        });
      } else {
        io.stdout(
          `${file}: ${result.windows.length} window(s) of 5 s from the first ${result.analysedDurationS.toFixed(1)} s` +
            `${result.missingLeads.length ? `; missing leads fed as the mean: ${result.missingLeads.join(', ')}` : ''}\n`
        );
      }
      return EXIT_OK;
    } catch (error) {
      if (error instanceof EcgParseError || error instanceof PreprocessingError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
        io.stderr(`ecg-desk preprocess: ${error instanceof PreprocessingError ? `${file}: ` : ''}${(error as Error).message}\n`);
        return EXIT_INPUT_FAILED;
      }
      throw error;
    }
  },
};
