/** Other ECGs of the same patient, newest first: what the viewer offers for side-by-side comparison. */
import type Database from 'better-sqlite3';
import type { WorklistRow } from '../../../shared/contract/worklist.ts';
import { WORKLIST_COLUMNS_SQL, toWorklistRow, type WorklistDbRow } from './worklist-row.ts';

/** Undefined when the record does not exist; empty when its patient is unknown or has no other ECG. */
export function priorRecords(db: Database.Database, id: number): WorklistRow[] | undefined {
  const target = db.prepare('SELECT patient_id FROM records WHERE id = ?').get(id) as { patient_id: number | null } | undefined;
  if (!target) return undefined;
  if (target.patient_id === null) return [];
  const rows = db
    .prepare(
      `SELECT ${WORKLIST_COLUMNS_SQL} FROM records r WHERE r.patient_id = ? AND r.id <> ?
       ORDER BY r.acquired_at DESC, r.id DESC`
    )
    .all(target.patient_id, id) as WorklistDbRow[];
  return rows.map(toWorklistRow);
}
