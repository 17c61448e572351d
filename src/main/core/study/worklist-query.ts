/** One worklist page: filtered, sorted and counted in SQL over the indexed record columns. */
import type Database from 'better-sqlite3';
import type { WorklistPage, WorklistQuery } from '../../../shared/contract/worklist.ts';
import { WORKLIST_COLUMNS_SQL, toWorklistRow, type WorklistDbRow } from './worklist-row.ts';

const SORT_SQL: Record<WorklistQuery['sort']['column'], string> = {
  acquiredAt: 'r.acquired_at',
  importedAt: 'r.imported_at',
  patientName: 'r.patient_name',
  patientId: 'r.patient_source_id',
  status: 'r.status',
  format: 'r.format',
  durationS: 'r.duration_s',
  aiRisk: 'r.ai_risk',
};

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The day after an ISO date (YYYY-MM-DD), so that "to" includes the whole of its day. */
function dayAfter(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function whereClause(filter: WorklistQuery['filter']): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    clauses.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.patient?.trim()) {
    const prefix = `${likeEscape(filter.patient.trim())}%`;
    clauses.push("(r.patient_name LIKE ? ESCAPE '\\' OR r.patient_source_id LIKE ? ESCAPE '\\')");
    params.push(prefix, prefix);
  }
  if (filter.statement?.trim()) {
    clauses.push("r.id IN (SELECT rowid FROM statements_fts WHERE text LIKE ? ESCAPE '\\')");
    params.push(`%${likeEscape(filter.statement.trim())}%`);
  }
  if (filter.acquiredFrom) {
    clauses.push('r.acquired_at >= ?');
    params.push(filter.acquiredFrom);
  }
  if (filter.acquiredTo) {
    const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(filter.acquiredTo);
    clauses.push(isDateOnly ? 'r.acquired_at < ?' : 'r.acquired_at <= ?');
    params.push(isDateOnly ? dayAfter(filter.acquiredTo) : filter.acquiredTo);
  }
  if (filter.format) {
    clauses.push('r.format = ?');
    params.push(filter.format);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function worklistPage(db: Database.Database, query: WorklistQuery): WorklistPage {
  const where = whereClause(query.filter);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where.sql}
       ORDER BY ${SORT_SQL[query.sort.column]} ${direction}, r.id ${direction} LIMIT ? OFFSET ?`
    )
    .all(...where.params, query.limit, query.offset) as WorklistDbRow[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM records r ${where.sql}`).get(...where.params) as {
    total: number;
  };
  // Unread is the whole study's count (the reading-room badge), whatever the filter.
  const { unread } = db.prepare("SELECT count(*) AS unread FROM records WHERE status = 'unread'").get() as {
    unread: number;
  };
  return { total, unread, rows: rows.map(toWorklistRow) };
}
