/**
 * One worklist page: filtered, sorted and counted in SQL over the indexed record columns. The
 * statement-text filter picks its plan by how common the text is (see statementFilteredPage).
 */
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

/**
 * A statement matching fewer records than this is found through the trigram index first; at or above
 * it the matches are common enough (≥ 2 % of 100,000) that walking the sort order fills a page soon.
 */
const INDEX_FIRST_MATCH_LIMIT = 2000;
/** Records whose statements a common-text count checks before it settles for a lower bound. */
const COUNT_WINDOW_RECORDS = 4000;

/** The statement text of a record, looked up by rowid in the FTS table (no trigram search). */
const RECORD_STATEMENT_TEXT = '(SELECT f.text FROM statements_fts f WHERE f.rowid = r.id)';

interface Clauses {
  sql: string[];
  params: unknown[];
}

/** Every filter except the statement text, which needs its own plan. */
function columnClauses(filter: WorklistQuery['filter']): Clauses {
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
  return { sql: clauses, params };
}

function where(clauses: Clauses, extra: string[] = []): string {
  const all = [...clauses.sql, ...extra];
  return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
}

function orderBy(query: WorklistQuery): string {
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${SORT_SQL[query.sort.column]} ${direction}, r.id ${direction}`;
}

type CountedRows = Pick<WorklistPage, 'total' | 'totalIsLowerBound' | 'rows'>;

function unfilteredByStatementPage(db: Database.Database, query: WorklistQuery, clauses: Clauses): CountedRows {
  const rows = db
    .prepare(`SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where(clauses)} ${orderBy(query)} LIMIT ? OFFSET ?`)
    .all(...clauses.params, query.limit, query.offset) as WorklistDbRow[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM records r ${where(clauses)}`).get(...clauses.params) as { total: number };
  return { total, rows: rows.map(toWorklistRow) };
}

/**
 * Two plans, because the trigram index costs time per match and the sort-order walk per record:
 * - rare text (fewer than INDEX_FIRST_MATCH_LIMIT records): the index lists every match, which are
 *   then filtered, sorted and counted exactly;
 * - common text: walk the records in sort order, checking each one's statement text, until the page
 *   is full. The total is then a lower bound: INDEX_FIRST_MATCH_LIMIT without other filters, else the
 *   matches among the first COUNT_WINDOW_RECORDS filtered records (exact when there are no more).
 */
function statementFilteredPage(db: Database.Database, query: WorklistQuery, clauses: Clauses, statement: string): CountedRows {
  const pattern = `%${likeEscape(statement)}%`;
  // FTS5 uses the trigram index only for a two-argument LIKE: the unescaped pattern finds a superset
  // (its % and _ act as wildcards), which the escaped one then narrows when the text has any.
  const exactCheck = /[\\%_]/.test(statement) ? "AND text LIKE ? ESCAPE '\\'" : '';
  const matchIds = (
    db
      .prepare(`SELECT rowid AS id FROM statements_fts WHERE text LIKE ? ${exactCheck} LIMIT ?`)
      .all(`%${statement}%`, ...(exactCheck ? [pattern] : []), INDEX_FIRST_MATCH_LIMIT) as { id: number }[]
  ).map((m) => m.id);

  if (matchIds.length < INDEX_FIRST_MATCH_LIMIT) {
    const inMatches = 'r.id IN (SELECT value FROM json_each(?))';
    const idsJson = JSON.stringify(matchIds);
    const rows = db
      .prepare(`SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where(clauses, [inMatches])} ${orderBy(query)} LIMIT ? OFFSET ?`)
      .all(...clauses.params, idsJson, query.limit, query.offset) as WorklistDbRow[];
    const { total } = db
      .prepare(`SELECT count(*) AS total FROM records r ${where(clauses, [inMatches])}`)
      .get(...clauses.params, idsJson) as { total: number };
    return { total, totalIsLowerBound: false, rows: rows.map(toWorklistRow) };
  }

  const matches = `${RECORD_STATEMENT_TEXT} LIKE ? ESCAPE '\\'`;
  const rows = (
    db
      .prepare(`SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where(clauses, [matches])} ${orderBy(query)} LIMIT ? OFFSET ?`)
      .all(...clauses.params, pattern, query.limit, query.offset) as WorklistDbRow[]
  ).map(toWorklistRow);
  if (clauses.sql.length === 0) return { total: INDEX_FIRST_MATCH_LIMIT, totalIsLowerBound: true, rows };
  const window = db
    .prepare(
      `SELECT count(*) AS checked, coalesce(sum(hit), 0) AS hits
       FROM (SELECT ${RECORD_STATEMENT_TEXT} LIKE ? ESCAPE '\\' AS hit FROM records r ${where(clauses)} LIMIT ?)`
    )
    .get(pattern, ...clauses.params, COUNT_WINDOW_RECORDS + 1) as { checked: number; hits: number };
  return { total: window.hits, totalIsLowerBound: window.checked > COUNT_WINDOW_RECORDS, rows };
}

export function worklistPage(db: Database.Database, query: WorklistQuery): WorklistPage {
  const clauses = columnClauses(query.filter);
  const statement = query.filter.statement?.trim();
  const counted = statement ? statementFilteredPage(db, query, clauses, statement) : unfilteredByStatementPage(db, query, clauses);
  // Unread is the whole study's count (the reading-room badge), whatever the filter.
  const { unread } = db.prepare("SELECT count(*) AS unread FROM records WHERE status = 'unread'").get() as {
    unread: number;
  };
  return { ...counted, unread };
}
