/** `ecg-desk demo [--db FILE]`: loads the bundled demo study and says how to look at it. */
import { DEMO_STUDY_DIR, importDemoStudy } from '../../core/study/demo-study.ts';
import { studyDatabasePath } from '../../core/study/study-location.ts';
import { StudyService } from '../../core/study/study-service.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, type CliCommand, type CliIo } from '../cli-command.ts';
import { parseCommandArgs } from '../cli-args.ts';

export const demoCommand: CliCommand = {
  name: ['demo'],
  usage: 'demo [--db FILE] [--json]',
  summary: 'load the bundled demo study (PhysioNet records) into the study database',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(argv, { db: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const databasePath = studyDatabasePath(values.db, values.home, io.env);
    const study = new StudyService(databasePath);
    try {
      const summary = await importDemoStudy(study);
      const info = study.info();
      if (values.json) {
        const { imported, duplicates, failed } = summary;
        io.stdout(`${JSON.stringify({ databasePath, imported, duplicates, failed, recordCount: info.recordCount })}\n`);
      } else {
        const dbArg = values.db ? ` --db ${JSON.stringify(databasePath)}` : values.home ? ` --home ${JSON.stringify(values.home)}` : '';
        io.stdout(
          [
            `Demo study from ${DEMO_STUDY_DIR}`,
            `  ${summary.imported} records imported, ${summary.duplicates} already there, ${summary.failed.length} failed`,
            ...summary.failed.map((f) => `  failed: ${f.file}: ${f.error}`),
            `  ${info.recordCount} records in ${databasePath}`,
            '',
            'Look at it:',
            `  npx ecg-desk list${dbArg}`,
            `  npx ecg-desk inspect ${DEMO_STUDY_DIR}ptbxl/00155_hr.hea`,
            `  npx ecg-desk measure ${DEMO_STUDY_DIR}ptbxl/00155_hr.hea`,
            '  npm run dev            (the desktop app; it opens the same default database)',
            `  npm run e2e:host -- --db ${JSON.stringify(databasePath)} --port 5180   (the reading room in a browser: http://127.0.0.1:5180)`,
            '',
          ].join('\n')
        );
      }
      return summary.failed.length > 0 ? EXIT_INPUT_FAILED : EXIT_OK;
    } finally {
      study.close();
    }
  },
};
