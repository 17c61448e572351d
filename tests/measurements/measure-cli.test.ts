import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/main.ts';
import { sharedPath } from '../support/shared-data.ts';
import { LUDB_DATA } from './ludb-support.ts';

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {} };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

describe('ecg-desk measure', () => {
  it('--json gives the issue\u2019s shape: times in seconds, absent values left out', async () => {
    const { code, stdout } = await run(['measure', sharedPath(`${LUDB_DATA}/8.hea`), '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown> & {
      beats: Record<string, number | string>[];
      qtcMs: Record<string, number>;
      axesDeg: Record<string, number>;
      leads: Record<string, Record<string, number | string>>;
      absent: Record<string, string>;
      statements: { text: string; rule: string }[];
    };
    expect(out.provenance).toBe('computed');
    expect(typeof out.heartRateBpm).toBe('number');
    expect(typeof out.qrsMs).toBe('number');
    expect(Object.keys(out.qtcMs).sort()).toEqual(['bazett', 'framingham', 'fridericia', 'hodges']);
    // Record 8 is atrial fibrillation: no P wave, so PR is absent (not 0) and says why.
    expect('prMs' in out).toBe(false);
    expect(out.absent.prMs).toMatch(/P wave/);
    expect(out.beats.length).toBeGreaterThan(5);
    const first = out.beats.find((b) => b.type === 'dominant');
    expect(first && 'pOnsetS' in first).toBe(false);
    expect(first?.qrsOnsetS).toBeLessThan(first?.rPeakS as number);
    expect(Object.keys(out.leads)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(out.statements.every((s) => s.text && s.rule)).toBe(true);
  });

  it('names the file and the problem for a file that is not an ECG', async () => {
    const { code, stderr } = await run(['measure', sharedPath('refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/ludb.csv')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/ludb\.csv/);
  });

  it('refuses an unknown QTc formula as a usage error', async () => {
    const { code, stderr } = await run(['measure', 'x.hea', '--qtc', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--qtc must be one of/);
  });
});
