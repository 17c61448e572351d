/** `ecg-desk list [--db FILE] [--json]`: the worklist rows of a study database. */
import { existsSync } from 'node:fs';
import { WORKLIST_SORT_COLUMNS, reviewStatusSchema, worklistSortColumnSchema, type WorklistRow } from '../../../shared/contract/worklist.ts';
import { studyDatabasePath } from '../../core/study/study-location.ts';
import { StudyService } from '../../core/study/study-service.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command.ts';
import { parseCommandArgs } from '../cli-args.ts';

function tableText(rows: WorklistRow[], total: number): string {
  const lines = rows.map((r) =>
    [
      String(r.id).padStart(6),
      (r.acquiredAt ?? '-').padEnd(19),
      (r.patientName ?? r.patientId ?? '-').slice(0, 20).padEnd(20),
      r.format.padEnd(14),
      `${r.durationS.toFixed(1)} s`.padStart(9),
      r.status.padEnd(9),
      r.statementsSummary.slice(0, 60),
    ].join('  ')
  );
  return `${['    id', 'acquired'.padEnd(19), 'patient'.padEnd(20), 'format'.padEnd(14), 'duration'.padStart(9), 'status'.padEnd(9), 'statements'].join('  ')}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${rows.length} of ${total} records\n`;
}

export const listCommand: CliCommand = {
  name: ['list'],
  usage: 'list [--db FILE] [--json] [--sort COLUMN] [--asc] [--status S] [--limit N] [--offset N]',
  summary: 'list the records of the study database (the worklist)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      argv,
      {
        db: { type: 'string' },
        sort: { type: 'string', default: 'acquiredAt' },
        asc: { type: 'boolean' },
        status: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string', default: '0' },
      },
      { min: 0, max: 0, names: '' }
    );
    const sort = worklistSortColumnSchema.safeParse(values.sort);
    if (!sort.success) throw new UsageError(`--sort must be one of ${WORKLIST_SORT_COLUMNS.join(', ')}`);
    const status = values.status === undefined ? undefined : reviewStatusSchema.safeParse(values.status);
    if (status && !status.success) throw new UsageError(`--status must be one of ${reviewStatusSchema.options.join(', ')}`);
    const limit = values.limit === undefined ? Number.MAX_SAFE_INTEGER : Number(values.limit);
    const offset = Number(values.offset);
    if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a positive whole number');
    if (!(Number.isInteger(offset) && offset >= 0)) throw new UsageError('--offset must be a whole number');

    const databasePath = studyDatabasePath(values.db, values.home, io.env);
    if (!existsSync(databasePath)) {
      io.stderr(`ecg-desk list: no study database at ${databasePath}\n`);
      return EXIT_INPUT_FAILED;
    }
    const study = new StudyService(databasePath);
    try {
      const page = study.worklistPage({
        offset,
        limit,
        sort: { column: sort.data, direction: values.asc ? 'asc' : 'desc' },
        filter: status?.success ? { status: status.data } : {},
      });
      io.stdout(values.json ? `${JSON.stringify(page.rows)}\n` : tableText(page.rows, page.total));
      return EXIT_OK;
    } finally {
      study.close();
    }
  },
};
