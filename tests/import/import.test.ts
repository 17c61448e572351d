import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import { PTBXL500_DIR, SHARED_ECG_DIR, clinicalRowCounts, removeTempFolders, tempFolder } from './helpers.ts';

afterEach(removeTempFolders);

function newStudy(): StudyService {
  return new StudyService(join(tempFolder(), 'study.sqlite'), 'test');
}

function copyPtbxl(ids: number[], folder: string): void {
  for (const id of ids) {
    const name = `${String(id).padStart(5, '0')}_hr`;
    copyFileSync(join(PTBXL500_DIR, `${name}.hea`), join(folder, `${name}.hea`));
    copyFileSync(join(PTBXL500_DIR, `${name}.dat`), join(folder, `${name}.dat`));
  }
}

const WFDB_RECORDS = ['E07500.hea', 'E07501.hea', 'HR06000.hea', 'JS00001.hea', '100.hea', 's0010_re.hea', '00001_lr.hea'];
const COMPANIONS = /\.(dat|mat|xyz|atr)$/;

describe('import of the real files in shared/ecg', () => {
  it('imports each recording once, reports the rest by name and reason, and a second import is all duplicates', async () => {
    const study = newStudy();
    const first = await study.importPaths([SHARED_ECG_DIR], { workerCount: 0 });
    const sourceFiles = (study.db.prepare('SELECT source_file FROM records').all() as { source_file: string }[]).map((r) => r.source_file);
    for (const name of WFDB_RECORDS) expect(sourceFiles).toContain(name);
    expect(new Set(sourceFiles).size).toBe(sourceFiles.length);
    expect(first.imported).toBe(sourceFiles.length);
    // Companion files read by a record are never failures; the documentation files are.
    expect(first.failed.filter((f) => COMPANIONS.test(f.file) && !f.file.endsWith('.ECG.csv'))).toEqual([]);
    const failedNames = first.failed.map((f) => f.file.split('/').pop());
    expect(failedNames).toContain('REPORT.md');
    expect(first.failed.find((f) => f.file.endsWith('REPORT.md'))?.error).toMatch(/not a recognised ECG file format/);
    for (const failure of first.failed) expect(failure.error.length).toBeGreaterThan(5);

    const second = await study.importPaths([SHARED_ECG_DIR], { workerCount: 0 });
    expect(second.imported).toBe(0);
    expect(second.duplicates).toBe(first.imported);
    expect(second.failed.map((f) => f.file).sort()).toEqual(first.failed.map((f) => f.file).sort());
    expect(verifyAuditChain(study.db)).toEqual({ ok: true, entries: first.imported });
    study.close();
  });

  it('stores a record that reads back sample for sample as parsed, with its companions hashed', async () => {
    const study = newStudy();
    const header = join(SHARED_ECG_DIR, 'wfdb/mitdb/100.hea');
    const { recordIds } = await study.importPaths([header], { workerCount: 0 });
    const view = study.getRecord(recordIds[0]);
    const parsed = parseEcg(fileSource(header));
    expect(view?.record.rhythm.leads.map((l) => l.name)).toEqual(parsed.rhythm.leads.map((l) => l.name));
    view?.record.rhythm.leads.forEach((lead, i) => expect(lead.samplesUv).toEqual(parsed.rhythm.leads[i].samplesUv));
    expect(view?.record.annotations.length).toBe(parsed.annotations.length);
    expect(view?.record.sourceFiles).toEqual(['100.hea', '100.dat', '100.atr'].filter((f) => parsed.sourceFiles.includes(f)));
    const files = study.db.prepare('SELECT role, size_bytes FROM files WHERE record_id = ? ORDER BY id').all(recordIds[0]);
    expect(files[0]).toEqual({ role: 'primary', size_bytes: 138 });
    study.close();
  });
});

describe('import of bad input', () => {
  it('lists empty, random and truncated files with reasons while the good record goes in', async () => {
    const folder = tempFolder();
    copyPtbxl([1], folder);
    writeFileSync(join(folder, 'empty.hea'), '');
    writeFileSync(join(folder, 'random.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    copyPtbxl([2], folder);
    writeFileSync(join(folder, '00002_hr.dat'), Buffer.alloc(100));
    const study = newStudy();
    const result = await study.importPaths([folder, join(folder, 'missing.hea')], { workerCount: 0 });
    expect(result.imported).toBe(1);
    const reasons = Object.fromEntries(result.failed.map((f) => [f.file.split('/').pop(), f.error]));
    expect(Object.keys(reasons).sort()).toEqual(['00002_hr.hea', 'empty.hea', 'missing.hea', 'random.bin']);
    expect(reasons['empty.hea']).toMatch(/empty/);
    expect(reasons['missing.hea']).toMatch(/no such file/);
    expect(reasons['random.bin']).toMatch(/not a recognised ECG file format/);
    study.close();
  });

  it('leaves nothing half-written when the database write fails mid-transaction', async () => {
    const study = newStudy();
    const before = clinicalRowCounts(study.db);
    // The files rows are written after the record, waveforms and statements: fail there.
    study.db.exec("CREATE TRIGGER inject BEFORE INSERT ON files BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const result = await study.importPaths([join(SHARED_ECG_DIR, 'wfdb/challenge2021/JS00001.hea')], { workerCount: 0 });
    expect(result.imported).toBe(0);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].error).toMatch(/injected failure/);
    expect(clinicalRowCounts(study.db)).toEqual(before);
    study.db.exec('DROP TRIGGER inject');
    const retry = await study.importPaths([join(SHARED_ECG_DIR, 'wfdb/challenge2021/JS00001.hea')], { workerCount: 0 });
    expect(retry.imported).toBe(1);
    expect(clinicalRowCounts(study.db).source_statements).toBe(3);
    study.close();
  });
});

describe('import control', () => {
  it('cancels mid-way, keeping only whole records', async () => {
    const folder = tempFolder();
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    copyPtbxl(ids, folder);
    const study = newStudy();
    const abort = new AbortController();
    const seen: number[] = [];
    const result = await study.importPaths([folder], {
      workerCount: 0,
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.imported >= 3) abort.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.imported).toBeGreaterThanOrEqual(3);
    expect(result.imported).toBeLessThan(20);
    const counts = clinicalRowCounts(study.db);
    expect(counts.records).toBe(result.imported);
    expect(counts.waveforms).toBe(result.imported);
    expect(counts.files).toBe(result.imported * 2);
    expect(seen.at(-1)).toBeLessThan(40);
    const rest = await study.importPaths([folder], { workerCount: 0 });
    expect(rest.imported + rest.duplicates).toBe(20);
    expect(rest.duplicates).toBe(result.imported);
    study.close();
  });

  it('gives the same result with parsing in two worker threads', async () => {
    const folder = tempFolder();
    copyPtbxl([1, 2, 3, 4, 5, 6], folder);
    writeFileSync(join(folder, 'junk.txt'), 'hello');
    const study = newStudy();
    const result = await study.importPaths([folder], { workerCount: 2 });
    expect(result.imported).toBe(6);
    expect(result.failed.map((f) => f.file.split('/').pop())).toEqual(['junk.txt']);
    const view = study.getRecord(result.recordIds[0]);
    expect(view?.record.rhythm.leads).toHaveLength(12);
    study.close();
  });
});
