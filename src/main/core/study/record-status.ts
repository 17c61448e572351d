/** Changes a record's review status, audited in the same transaction. */
import type Database from 'better-sqlite3';
import type { ReviewStatus } from '../../../shared/contract/worklist.ts';
import { appendAudit } from '../db/audit-log.ts';

/** Returns false when no such record exists. */
export function setRecordStatus(db: Database.Database, id: number, status: ReviewStatus, actor: string): boolean {
  return db.transaction(() => {
    const current = db.prepare('SELECT status FROM records WHERE id = ?').get(id) as { status: ReviewStatus } | undefined;
    if (!current) return false;
    if (current.status === status) return true;
    db.prepare('UPDATE records SET status = ? WHERE id = ?').run(status, id);
    appendAudit(db, { actor, action: 'record.status', entity: 'record', entityId: id, details: { from: current.status, to: status } });
    return true;
  }).immediate();
}
