/** `ecg-desk`: the command line over the same core services as the app. */
import { COMMANDS } from './commands/index.ts';
import { EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cli-command.ts';

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

function helpText(): string {
  const lines = COMMANDS.map((c) => `  ecg-desk ${c.usage}\n      ${c.summary}`);
  return `Usage: ecg-desk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command accepts --home DIR (or ECG_DESK_HOME) for the user data folder, and --json.\n`;
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const sorted = [...COMMANDS].sort((a, b) => b.name.length - a.name.length);
  for (const command of sorted) {
    if (command.name.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(command.name.length) };
  }
  return undefined;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(helpText());
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`ecg-desk: unknown command '${argv.join(' ')}'\n\n${helpText()}`);
    return EXIT_USAGE;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ecg-desk: ${error.message}\nUsage: ecg-desk ${found.command.usage}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
