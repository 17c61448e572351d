/** `ecg-desk import PATH... [--db FILE] [--json]`: imports files and folders into a study database. */
import { parseArgs } from 'node:util';
import type { ImportProgress } from '../../../shared/contract/import.ts';
import { studyDatabasePath } from '../../core/study/study-location.ts';
import { StudyService } from '../../core/study/study-service.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command.ts';

const PROGRESS_INTERVAL_MS = 200;

function progressLine(p: ImportProgress): string {
  return `\rimporting: ${p.done}/${p.total} files, ${p.imported} imported, ${p.duplicates} duplicates, ${p.failed} failed`;
}

export const importCommand: CliCommand = {
  name: ['import'],
  usage: 'import PATH... [--db FILE] [--json] [--workers N]',
  summary: 'import ECG files and folders (recursively) into the study database',
  async run(argv: string[], io: CliIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { db: { type: 'string' }, home: { type: 'string' }, json: { type: 'boolean' }, workers: { type: 'string' } },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('import needs at least one PATH');
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
