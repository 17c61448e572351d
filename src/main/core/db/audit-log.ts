/**
 * The append-only audit log. Each entry stores the previous entry's hash and its own hash over its
 * content and that previous hash, so any later edit, deletion or reordering breaks the chain.
 * Callers append inside the same transaction as the change they record.
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

export function appendAudit(db: Database.Database, entry: AuditEntryInput, at = new Date().toISOString()): string {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    details_json: JSON.stringify(entry.details),
  };
  const hash = entryHash(prevHash, row);
  db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, details_json, prev_hash, hash)
     VALUES (@at, @actor, @action, @entity, @entity_id, @details_json, @prev_hash, @hash)`
  ).run({ ...row, prev_hash: prevHash, hash });
  return hash;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number; reason: string };

/** Walks the whole chain; reports the first entry whose link or content does not match. */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (row.prev_hash !== prevHash) {
      return { ok: false, entries, brokenAtId: row.id, reason: 'does not link to the previous entry' };
    }
    if (entryHash(prevHash, row) !== row.hash) {
      return { ok: false, entries, brokenAtId: row.id, reason: 'content does not match its hash' };
    }
    prevHash = row.hash;
  }
  return { ok: true, entries };
}
