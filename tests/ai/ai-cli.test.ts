/** `ecg-desk ai run` over a study of real files, with a test checkpoint installed by `ecg-desk model add`. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../inference/cli-helpers.ts';
import { ECG_FILES, shortCsvRecord, studyOf, tempHome, TINY_DIR } from './helpers.ts';

describe('ecg-desk ai run', () => {
  it('runs the given model over every record and reports analysed, not analysable and failed records', async () => {
    const home = tempHome(true);
    const added = await runCli(['model', 'add', TINY_DIR, '--home', home, '--json']);
    expect(added.code).toBe(0);
    const { modelDir } = JSON.parse(added.stdout) as { modelDir: string };
    const { databasePath, recordIds } = await studyOf([ECG_FILES.muse, ECG_FILES.ptbxl100Hz, shortCsvRecord()]);

    const first = await runCli(['ai', 'run', '--db', databasePath, '--model', modelDir, '--home', home, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      model: { diagnostic: false },
      analysed: 2,
      notAnalysable: [{ id: recordIds[2], reason: 'the record lasts 4.00 s; HuBERT-ECG needs at least 5 s' }],
      failed: [],
      warning: 'TEST MODEL — random weights, not a diagnosis',
    });
    expect(typeof report.executionProvider).toBe('string');

    // A second run finds nothing left to read.
    const again = await runCli(['ai', 'run', '--db', databasePath, '--home', home, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ analysed: 0, notAnalysable: [], failed: [] });
  });

  it('refuses a test model without allowTestModels, and says how to add a model when none is offered', async () => {
    const home = tempHome(false);
    const added = await runCli(['model', 'add', TINY_DIR, '--home', home, '--json']);
    const { modelDir } = JSON.parse(added.stdout) as { modelDir: string };
    const { databasePath } = await studyOf([ECG_FILES.muse]);
    const refused = await runCli(['ai', 'run', '--db', databasePath, '--model', modelDir, '--home', home, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/test checkpoint with random weights, not a diagnostic model/);
    const none = await runCli(['ai', 'run', '--db', databasePath, '--home', home, '--json']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No AI model installed[\s\S]*config\.json and model\.safetensors[\s\S]*ecg-desk model add DIR/);
    const missing = await runCli(['ai', 'run', '--db', `${databasePath}.nope`, '--home', home]);
    expect(missing.stderr).toMatch(/no study database at/);
  });
});
