/** The shape of one `ecg-desk` sub-command and the I/O it writes to, so tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Words that select it: ['inspect'] or ['model', 'add']. */
  name: readonly string[];
  usage: string;
  summary: string;
  /** Returns the exit status: 0 success, 1 some input failed, 2 usage error (throw UsageError). */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: main prints the message with the command's usage and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;
