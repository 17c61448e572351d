/**
 * Turns the errors a bad input file or model causes into the CLI's "input failed" answer (exit 1,
 * a message naming the file); anything else is a bug and propagates.
 */
import { EcgParseError } from '../core/formats/parser.ts';
import { PreprocessingError } from '../../shared/preprocessing/hubert-ecg/preprocess.ts';
import { ModelImportError, ModelRunError } from '../core/inference/model-import-error.ts';
import { EXIT_INPUT_FAILED, type CliIo } from './cli-command.ts';

/** The message for an input failure, or undefined when `error` is not one. */
export function inputFailureMessage(error: unknown, file: string): string | undefined {
  if (error instanceof EcgParseError || error instanceof ModelImportError || error instanceof ModelRunError) return error.message;
  if (error instanceof PreprocessingError) return `${file}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a folder, not a file`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return undefined;
}

/** Reports an input failure on stderr (and as `{ file, error }` with --json) and returns exit 1; rethrows anything else. */
export function reportInputFailure(error: unknown, command: string, file: string, io: CliIo, json: boolean): number {
  const message = inputFailureMessage(error, file);
  if (message === undefined) throw error;
  if (json) io.stdout(`${JSON.stringify({ file, error: message })}\n`);
  io.stderr(`ecg-desk ${command}: ${message}\n`);
  return EXIT_INPUT_FAILED;
}
