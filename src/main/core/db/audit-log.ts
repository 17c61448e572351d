/**
 * The append-only audit log. Each entry stores the previous entry's hash and its own hash over its
 * content and that previous hash, so any later edit, deletion or reordering breaks the chain. The
 * table audit_head (migration 4) holds the entry count and newest hash, advanced by a trigger as each
 * entry goes in, so deleting the newest entries is detected too. Callers append inside the same
 * transaction as the change they record.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const content = JSON.stringify([row.at, row.actor, row.action, row.entity, row.entity_id, row.details_json]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

interface AuditStatements {
  head: Database.Statement<[], { entry_count: number; head_hash: string }>;
  insert: Database.Statement<Omit<AuditRow, 'id'>>;
}

const statementsByDatabase = new WeakMap<Database.Database, AuditStatements>();

function auditStatements(db: Database.Database): AuditStatements {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = {
      head: db.prepare('SELECT entry_count, head_hash FROM audit_head WHERE id = 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, details_json, prev_hash, hash)
         VALUES (@at, @actor, @action, @entity, @entity_id, @details_json, @prev_hash, @hash)`
      ),
    };
    statementsByDatabase.set(db, statements);
  }
  return statements;
}

export function appendAudit(db: Database.Database, entry: AuditEntryInput, at = new Date().toISOString()): string {
  const statements = auditStatements(db);
  const head = statements.head.get();
  if (!head) throw new Error('the audit log head is missing: the study database is damaged');
  const prevHash = head.head_hash;
  const row = {
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    details_json: JSON.stringify(entry.details),
  };
  const hash = entryHash(prevHash, row);
  statements.insert.run({ ...row, prev_hash: prevHash, hash });
  return hash;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number; reason: string };

/**
 * Walks the whole chain, then checks that it ends where the recorded head says; reports the first
 * entry whose link or content does not match. For missing newest entries, brokenAtId is the id after
 * the last entry left.
 */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let lastId = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (row.prev_hash !== prevHash) {
      return { ok: false, entries, brokenAtId: row.id, reason: 'does not link to the previous entry' };
    }
    if (entryHash(prevHash, row) !== row.hash) {
      return { ok: false, entries, brokenAtId: row.id, reason: 'content does not match its hash' };
    }
    prevHash = row.hash;
    lastId = row.id;
  }
  const head = auditStatements(db).head.get();
  if (!head) return { ok: false, entries, brokenAtId: lastId + 1, reason: 'the recorded head of the log is missing' };
  if (head.entry_count > entries) {
    return { ok: false, entries, brokenAtId: lastId + 1, reason: `the newest ${head.entry_count - entries} entries are missing` };
  }
  if (head.entry_count !== entries || head.head_hash !== prevHash) {
    return { ok: false, entries, brokenAtId: lastId, reason: 'does not end where the recorded head of the log says' };
  }
  return { ok: true, entries };
}
