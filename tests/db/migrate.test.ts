import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseVersionError, migrate, schemaVersion } from '../../src/main/core/db/migrate.ts';
import { MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { openStudyDatabase } from '../../src/main/core/db/open-database.ts';

const folders: string[] = [];
function tempDb(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-migrate-'));
  folders.push(folder);
  return join(folder, 'study.sqlite');
}
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

describe('migrations', () => {
  it('creates the whole schema from an empty file, in WAL mode', () => {
    const db = openStudyDatabase(tempDb());
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of ['patients', 'records', 'waveforms', 'source_statements', 'source_measurements', 'source_annotations', 'import_batches', 'import_failures', 'files', 'audit_log', 'settings', 'statements_fts']) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('does nothing on a database that is up to date', () => {
    const path = tempDb();
    openStudyDatabase(path).close();
    const db = new Database(path);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version, leaving it untouched', () => {
    const path = tempDb();
    const newer = new Database(path);
    newer.pragma('user_version = 99');
    newer.exec('CREATE TABLE future (x)');
    newer.close();
    expect(() => openStudyDatabase(path)).toThrow(DatabaseVersionError);
    expect(() => openStudyDatabase(path)).toThrow(/schema version 99/);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(99);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'records'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves version 0 and no tables', () => {
    const db = new Database(tempDb());
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE oops (; nonsense' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'records'").get()).toEqual({ n: 0 });
    db.close();
  });
});
