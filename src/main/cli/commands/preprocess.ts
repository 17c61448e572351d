/** `ecg-desk preprocess FILE`: the HuBERT-ECG model input exactly as fed, window by window. */
import { fileSource } from '../../core/formats/file-source.ts';
import { parseEcg } from '../../core/formats/registry.ts';
import { preprocessForHubert } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';
import { ECG_FILE_OPTIONS, ECG_FILE_USAGE, ecgFileParseOptions, parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_OK, type CliCommand } from '../cli-command.ts';
import { reportInputFailure } from '../input-failure.ts';

export const preprocessCommand: CliCommand = {
  name: ['preprocess'],
  usage: `preprocess FILE [--json] ${ECG_FILE_USAGE}`,
  summary: 'show the HuBERT-ECG input windows (float32[6000] each) for an ECG file',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      ECG_FILE_OPTIONS,
      { min: 1, max: 1, names: 'FILE' }
    );
    const file = positionals[0];
    try {
      const record = parseEcg(fileSource(file), ecgFileParseOptions(values));
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
      return reportInputFailure(error, 'preprocess', file, io, values.json);
    }
  },
};
