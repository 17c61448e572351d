import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { migrate } from '../../src/main/core/db/migrate.ts';
import { MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { openStudyDatabase } from '../../src/main/core/db/open-database.ts';
import BetterSqlite3 from 'better-sqlite3';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function studyWithEntries(count: number): { db: Database.Database; hashes: string[] } {
  const db = openStudyDatabase(':memory:');
  open.push(db);
  const hashes = Array.from({ length: count }, (_, i) =>
    appendAudit(db, { actor: 'test', action: 'record.status', entity: 'record', entityId: i + 1, details: { to: 'signed' } }, `2026-01-0${i + 1}T00:00:00Z`)
  );
  return { db, hashes };
}

function head(db: Database.Database) {
  return db.prepare('SELECT entry_count, head_hash FROM audit_head').all();
}

describe('audit log head', () => {
  it('advances with every entry, in the same statement', () => {
    const { db, hashes } = studyWithEntries(3);
    expect(head(db)).toEqual([{ entry_count: 3, head_hash: hashes[2] }]);
    expect(db.prepare('SELECT prev_hash FROM audit_log ORDER BY id').all()).toEqual([
      { prev_hash: GENESIS_HASH },
      { prev_hash: hashes[0] },
      { prev_hash: hashes[1] },
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3 });
  });

  it('detects deletion of the newest entries, which leaves a valid shorter chain', () => {
    const { db } = studyWithEntries(4);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 4').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id >= 3').run();
    expect(verifyAuditChain(db)).toEqual({ ok: false, entries: 2, brokenAtId: 3, reason: 'the newest 2 entries are missing' });
  });

  it('refuses to move the head back or remove it', () => {
    const { db, hashes } = studyWithEntries(2);
    expect(() => db.prepare('UPDATE audit_head SET entry_count = 1, head_hash = ?').run(hashes[0])).toThrow(/only advances/);
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare("INSERT INTO audit_head VALUES (2, 0, 'x')").run()).toThrow(/one head/);
    expect(head(db)).toEqual([{ entry_count: 2, head_hash: hashes[1] }]);
  });

  it('reports a head that was removed behind the triggers, and a head that disagrees', () => {
    const { db } = studyWithEntries(2);
    db.exec('DROP TRIGGER audit_head_only_advances');
    db.prepare("UPDATE audit_head SET head_hash = 'forged'").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: 2, reason: 'does not end where the recorded head of the log says' });
    db.exec('DROP TRIGGER audit_head_no_delete');
    db.prepare('DELETE FROM audit_head').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, reason: 'the recorded head of the log is missing' });
    expect(() => appendAudit(db, { actor: 't', action: 'a', entity: 'e', entityId: null, details: {} })).toThrow(/head is missing/);
  });

  it('starts the head of an existing log from its entries when the migration runs', () => {
    const db = new BetterSqlite3(':memory:');
    open.push(db);
    migrate(db, MIGRATIONS.filter((m) => m.version < 4));
    const insert = db.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, details_json, prev_hash, hash) VALUES ('t', 'a', 'x', 'e', NULL, '{}', ?, ?)"
    );
    insert.run(GENESIS_HASH, 'a'.repeat(64));
    insert.run('a'.repeat(64), 'b'.repeat(64));
    migrate(db);
    expect(head(db)).toEqual([{ entry_count: 2, head_hash: 'b'.repeat(64) }]);
  });
});
