/**
 * Import throughput: 2,000 ten-second 12-lead 500 Hz WFDB records, made from the 500 PTB-XL records
 * in shared/refdata copied four times, each header with a comment line naming its copy (new content).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudyService } from '../src/main/core/study/study-service.ts';
import { reportTable } from './bench-table.ts';

const SOURCE = fileURLToPath(new URL('../../shared/refdata/ptbxl/records500/00000/', import.meta.url));
const COPIES = 4;
const workerCount = Number(process.env.BENCH_WORKERS ?? 2);

const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-bench-import-'));
try {
  const names = readdirSync(SOURCE).filter((n) => n.endsWith('.hea')).map((n) => n.slice(0, -4));
  for (let copy = 0; copy < COPIES; copy++) {
    const target = join(folder, `copy${copy}`);
    mkdirSync(target);
    for (const name of names) {
      const header = readFileSync(join(SOURCE, `${name}.hea`), 'latin1');
      writeFileSync(join(target, `${name}.hea`), `${header.trimEnd()}\n# benchmark copy ${copy}\n`, 'latin1');
      copyFileSync(join(SOURCE, `${name}.dat`), join(target, `${name}.dat`));
    }
  }
  const recordCount = names.length * COPIES;
  const study = new StudyService(join(folder, 'study.sqlite'), 'bench');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await study.importPaths([folder], { workerCount });
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread (writer and parse workers): what each record costs whatever else runs.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerRecord = (cpu.user + cpu.system) / 1000 / recordCount;
  study.close();
  if (result.imported !== recordCount) throw new Error(`imported ${result.imported} of ${recordCount}: ${JSON.stringify(result.failed.slice(0, 3))}`);
  reportTable('import', [
    ['records (10 s, 12 leads, 500 Hz WFDB)', String(recordCount)],
    ['parse workers', String(workerCount)],
    ['wall time', `${seconds.toFixed(1)} s`],
    ['throughput', `${Math.round(recordCount / seconds)} records/s`],
    ['CPU time per record, all threads', `${cpuMsPerRecord.toFixed(1)} ms`],
    ['load average (1 min) at the end', loadavg()[0].toFixed(1)],
  ]);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
