import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-command.ts';
import { main } from '../../src/main/cli/main.ts';
import { removeTempFolders, tempFolder } from '../import/helpers.ts';

const ECG = fileURLToPath(new URL('../../../shared/ecg/', import.meta.url));
afterEach(removeTempFolders);

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

describe('ecg-desk inspect', () => {
  it('prints the decoded PTB-XL record as JSON with microvolts per lead', async () => {
    const { status, stdout } = await run(['inspect', join(ECG, 'wfdb/ptbxl/00001_lr.hea'), '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ format: 'wfdb', sampleRateHz: 100, durationS: 10 });
    expect(json.leads).toHaveLength(12);
    // Independently decoded with numpy: int16 counts at 1000/mV, i.e. 1 µV each.
    expect(json.leads[0]).toMatchObject({ name: 'I', derived: false });
    expect(json.leads[0].samplesUv.slice(0, 3)).toEqual([-119, -116, -120]);
    expect(json.leads[1].samplesUv.slice(0, 3)).toEqual([-55, -51, -44]);
    expect(json.leads[6].samplesUv.slice(0, 3)).toEqual([-69, -64, -58]);
    expect(json.leads[11].samplesUv[999]).toBe(-120);
    for (const key of ['statements', 'measurements', 'annotations', 'patient', 'acquisition', 'warnings']) expect(json).toHaveProperty(key);
  });

  it('prints a readable summary, and exits 1 naming a bad file', async () => {
    const summary = await run(['inspect', join(ECG, 'wfdb/challenge2021/JS00001.hea')]);
    expect(summary.stdout).toMatch(/JS00001\.hea: wfdb, 500 Hz, 10\.00 s, 12 leads/);
    expect(summary.stdout).toMatch(/atrial fibrillation/);
    const bad = await run(['inspect', join(ECG, 'REPORT.md')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/REPORT\.md: not a recognised ECG file format/);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['inspect'])).status).toBe(2);
    expect((await run(['import', '--db'])).status).toBe(2);
    expect((await run(['list', '--sort', 'shoe-size'])).status).toBe(2);
  });
});

describe('ecg-desk import, list and demo', () => {
  it('imports with --json, lists, and a second import is all duplicates', async () => {
    const db = join(tempFolder(), 'study.sqlite');
    const first = await run(['import', join(ECG, 'wfdb'), '--db', db, '--json']);
    const summary = JSON.parse(first.stdout);
    expect(first.status).toBe(1); // ptbxl_database_excerpt.csv is not an ECG
    expect(summary.imported).toBe(7);
    expect(summary.failed).toEqual([{ file: join(ECG, 'wfdb/ptbxl/ptbxl_database_excerpt.csv'), error: expect.stringMatching(/./) }]);
    const again = JSON.parse((await run(['import', join(ECG, 'wfdb'), '--db', db, '--json'])).stdout);
    expect(again).toMatchObject({ imported: 0, duplicates: 7 });
    const list = await run(['list', '--db', db, '--json']);
    expect(list.status).toBe(0);
    const rows = JSON.parse(list.stdout);
    expect(rows).toHaveLength(7);
    expect(rows.find((r: { sourceFile: string }) => r.sourceFile === 's0010_re.hea')).toMatchObject({ sampleRateHz: 1000, leadCount: 15 });
    const human = await run(['import', join(ECG, 'wfdb/mitdb'), '--db', db]);
    expect(human.status).toBe(0);
    expect(human.stderr).toMatch(/importing: 3\/3 files, 0 imported, 1 duplicates, 0 failed\n$/);
  });

  it('loads the demo study into the --home folder (or ECG_DESK_HOME), idempotently', async () => {
    const home = tempFolder();
    const first = await run(['demo', '--json'], { ECG_DESK_HOME: home });
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ databasePath: join(home, 'study.sqlite'), imported: 10, failed: [], recordCount: 10 });
    const again = await run(['demo', '--home', home]);
    expect(again.stdout).toMatch(/0 records imported, 10 already there/);
    const list = await run(['list', '--home', home, '--json', '--limit', '3']);
    expect(JSON.parse(list.stdout).map((r: { sourceFile: string }) => r.sourceFile)).toEqual(['E07500.hea', '00346_hr.hea', '00256_hr.hea']);
    expect((await run(['list', '--home', join(home, 'none')])).status).toBe(1);
  });
});
