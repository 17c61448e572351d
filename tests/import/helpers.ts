/** Temp folders and row counts for import tests. */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_ECG_DIR = fileURLToPath(new URL('../../../shared/ecg/', import.meta.url));
export const PTBXL500_DIR = fileURLToPath(new URL('../../../shared/refdata/ptbxl/records500/00000/', import.meta.url));

const folders: string[] = [];
export function tempFolder(prefix = 'ecg-desk-test-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}
export function removeTempFolders(): void {
  folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true }));
}

const CLINICAL_TABLES = ['patients', 'records', 'waveforms', 'source_statements', 'source_measurements', 'source_annotations', 'files', 'audit_log', 'statements_fts'];

/** Row counts of every table a record write touches: equal before and after means nothing half-written. */
export function clinicalRowCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(
    CLINICAL_TABLES.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n])
  );
}
