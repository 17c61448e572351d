/** `ecg-desk import PATH... [--db FILE] [--json]`: imports files and folders into a study database. */
import type { ImportProgress } from '../../../shared/contract/import.ts';
import { studyDatabasePath } from '../../core/study/study-location.ts';
import { StudyService } from '../../core/study/study-service.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command.ts';
import { ECG_FILE_OPTIONS, ECG_FILE_USAGE, ecgFileParseOptions, parseCommandArgs } from '../cli-args.ts';

const PROGRESS_INTERVAL_MS = 200;

function progressLine(p: ImportProgress): string {
  return `\rimporting: ${p.done}/${p.total} files, ${p.imported} imported, ${p.duplicates} duplicates, ${p.failed} failed`;
}

export const importCommand: CliCommand = {
  name: ['import'],
  usage: `import PATH... [--db FILE] [--json] [--workers N] ${ECG_FILE_USAGE}`,
  summary: 'import ECG files and folders (recursively) into the study database',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      { db: { type: 'string' }, workers: { type: 'string' }, ...ECG_FILE_OPTIONS },
      { min: 1, max: Infinity, names: 'PATH (a file or folder to import)' }
    );
    const workerCount = values.workers !== undefined ? Number(values.workers) : undefined;
    if (workerCount !== undefined && !(Number.isInteger(workerCount) && workerCount >= 0 && workerCount <= 64)) {
      throw new UsageError('--workers must be a whole number from 0 to 64');
    }
    const databasePath = studyDatabasePath(values.db, values.home, io.env);
    const study = new StudyService(databasePath);
    try {
      let lastPrintMs = 0;
      const summary = await study.importPaths(positionals, {
        workerCount,
        parseOptions: ecgFileParseOptions(values),
        onProgress: values.json
          ? undefined
          : (progress) => {
              const now = Date.now();
              if (progress.finished || now - lastPrintMs >= PROGRESS_INTERVAL_MS) {
                lastPrintMs = now;
                io.stderr(progressLine(progress) + (progress.finished ? '\n' : ''));
              }
            },
      });
      if (values.json) {
        io.stdout(`${JSON.stringify({ imported: summary.imported, duplicates: summary.duplicates, failed: summary.failed })}\n`);
      } else {
        io.stdout(`${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.failed.length} failed into ${databasePath}\n`);
        for (const failure of summary.failed) io.stdout(`  failed: ${failure.file}: ${failure.error}\n`);
      }
      return summary.failed.length > 0 ? EXIT_INPUT_FAILED : EXIT_OK;
    } finally {
      study.close();
    }
  },
};
