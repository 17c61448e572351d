/**
 * Brings a study database up to the newest schema: every pending migration in one transaction,
 * recorded in PRAGMA user_version. A database written by a newer version of the app is refused.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export class DatabaseVersionError extends Error {
  override readonly name = 'DatabaseVersionError';
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations; returns the versions applied (empty when up to date). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new DatabaseVersionError(
      `this study database has schema version ${current}, newer than this app understands (${latest}); open it with a newer ECG Desk`
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql);
    // PRAGMA takes no bound parameters; the version is our own integer.
    db.pragma(`user_version = ${pending.at(-1)?.version ?? current}`);
  }).immediate();
  return pending.map((m) => m.version);
}
