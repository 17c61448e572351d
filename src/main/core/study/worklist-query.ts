/**
 * One worklist page: filtered, sorted and counted in SQL over the indexed record columns. The
 * statement-text filter picks its plan by how common the text is (see statementFilteredPage).
 */
import type Database from 'better-sqlite3';
import type { WorklistPage, WorklistQuery, WorklistRow } from '../../../shared/contract/worklist.ts';
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

/** With avoidSortIndex the sort column is written `+r.x`: SQLite then filters through an index and sorts. */
function orderBy(query: WorklistQuery, avoidSortIndex = false): string {
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${avoidSortIndex ? '+' : ''}${SORT_SQL[query.sort.column]} ${direction}, r.id ${direction}`;
}

/** Whether a filter is a range on the sort column itself, which one index walk serves both ways. */
function filtersSortColumn(query: WorklistQuery): boolean {
  const { filter } = query;
  switch (query.sort.column) {
    case 'status':
      return filter.status !== undefined;
    case 'acquiredAt':
      return Boolean(filter.acquiredFrom || filter.acquiredTo);
    case 'patientName':
    case 'patientId':
      return Boolean(filter.patient?.trim());
    case 'format':
      return Boolean(filter.format);
    default:
      return false;
  }
}

type CountedRows = Pick<WorklistPage, 'total' | 'totalIsLowerBound' | 'rows'>;

/**
 * A page first walks at most this many records in sort order (a couple of milliseconds), which finds
 * it whenever the filters pass more than a few percent of them; only when that falls short are all
 * matches collected and sorted, the plan SQLite picks with every index (fast when they are few).
 */
const WALK_BUDGET_RECORDS = 3000;

/**
 * The page's rows. `expectedRows` is how many the page must have when known (from the total), else
 * the limit: a walk that comes back with fewer is not trusted and the full plan runs. When the walk
 * fell short, walking further is what not to do (the matches lie far along the sort order), so with
 * only column filters the full plan filters through their indexes and sorts; SQLite's estimates would
 * often walk on.
 */
function pageRows(
  db: Database.Database,
  query: WorklistQuery,
  clauses: Clauses,
  extra: { sql: string[]; params: unknown[] },
  expectedRows: number
): WorklistRow[] {
  const filtered = clauses.sql.length + extra.sql.length > 0;
  if (filtered && query.offset + query.limit <= WALK_BUDGET_RECORDS) {
    const walked = db
      .prepare(
        `SELECT * FROM (SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${orderBy(query)} LIMIT ?) AS r
         ${where(clauses, extra.sql)} ${orderBy(query)} LIMIT ? OFFSET ?`
      )
      .all(WALK_BUDGET_RECORDS, ...clauses.params, ...extra.params, query.limit, query.offset) as WorklistDbRow[];
    if (walked.length === expectedRows) return walked.map(toWorklistRow);
  }
  const avoidSortIndex = clauses.sql.length > 0 && extra.sql.length === 0 && !filtersSortColumn(query);
  return (
    db
      .prepare(`SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where(clauses, extra.sql)} ${orderBy(query, avoidSortIndex)} LIMIT ? OFFSET ?`)
      .all(...clauses.params, ...extra.params, query.limit, query.offset) as WorklistDbRow[]
  ).map(toWorklistRow);
}

const NO_EXTRA = { sql: [], params: [] };

function countRecords(db: Database.Database, clauses: Clauses, extra: { sql: string[]; params: unknown[] } = NO_EXTRA): number {
  return (db.prepare(`SELECT count(*) AS n FROM records r ${where(clauses, extra.sql)}`).get(...clauses.params, ...extra.params) as { n: number }).n;
}

/**
 * Sorting this many matches (about 3 ms) costs what walking half the import-date index does, and the
 * walk's worst, the whole index, is about 6 ms at 100,000 records: an import-date page with more
 * matches walks the index instead of sorting them.
 */
const SORT_ALL_MATCH_LIMIT = 3000;

/** A page sorted by import date whose only filter is an acquisition range. */
function isImportDateByAcquiredRange(query: WorklistQuery): boolean {
  const { filter } = query;
  return (
    query.sort.column === 'importedAt' &&
    Boolean(filter.acquiredFrom || filter.acquiredTo) &&
    !filter.status &&
    !filter.patient?.trim() &&
    !filter.format &&
    !filter.statement?.trim()
  );
}

/**
 * Import and acquisition dates go together, so an acquisition range's matches lie together somewhere
 * along the import order, often beyond the first walk's reach. The import-date index holds the
 * acquisition time too: walking it checks the range without reading any record, at any offset, and
 * only the page's rows are then read (CROSS JOIN keeps SQLite from driving the join by the whole table).
 */
function importDateIndexWalkRows(db: Database.Database, query: WorklistQuery, clauses: Clauses): WorklistRow[] {
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = `ORDER BY r.imported_at ${direction}, r.id ${direction}`;
  return (
    db
      .prepare(
        `SELECT ${WORKLIST_COLUMNS_SQL} FROM (
           SELECT r.id FROM records r INDEXED BY records_imported_acquired ${where(clauses)} ${order} LIMIT ? OFFSET ?
         ) AS page CROSS JOIN records r ON r.id = page.id ${order}`
      )
      .all(...clauses.params, query.limit, query.offset) as WorklistDbRow[]
  ).map(toWorklistRow);
}

function unfilteredByStatementPage(db: Database.Database, query: WorklistQuery): CountedRows {
  const clauses = columnClauses(query.filter);
  const total = countRecords(db, clauses);
  if (isImportDateByAcquiredRange(query) && total > SORT_ALL_MATCH_LIMIT) {
    return { total, rows: importDateIndexWalkRows(db, query, clauses) };
  }
  const expectedRows = Math.min(query.limit, Math.max(0, total - query.offset));
  return { total, rows: pageRows(db, query, clauses, NO_EXTRA, expectedRows) };
}

/**
 * Two plans, because the trigram index costs time per match and the sort-order walk per record:
 * - rare text (fewer than INDEX_FIRST_MATCH_LIMIT records): the index lists every match, which are
 *   then filtered, sorted and counted exactly;
 * - common text: walk the records in sort order, checking each one's statement text, until the page
 *   is full. The total is then a lower bound: INDEX_FIRST_MATCH_LIMIT without other filters, else the
 *   matches among the first COUNT_WINDOW_RECORDS filtered records (exact when there are no more).
 */
function statementFilteredPage(db: Database.Database, query: WorklistQuery, statement: string): CountedRows {
  const pattern = `%${likeEscape(statement)}%`;
  // FTS5 uses the trigram index only for a two-argument LIKE: the unescaped pattern finds a superset
  // (its % and _ act as wildcards), which the escaped one then narrows when the text has any.
  const exactCheck = /[\\%_]/.test(statement) ? "AND text LIKE ? ESCAPE '\\'" : '';
  const matchIds = (
    db
      .prepare(`SELECT rowid AS id FROM statements_fts WHERE text LIKE ? ${exactCheck} LIMIT ?`)
      .all(`%${statement}%`, ...(exactCheck ? [pattern] : []), INDEX_FIRST_MATCH_LIMIT) as { id: number }[]
  ).map((m) => m.id);

  const clauses = columnClauses(query.filter);
  if (matchIds.length < INDEX_FIRST_MATCH_LIMIT) {
    // The few matching ids drive both queries (rowid lookups); the walk has nothing to offer here.
    const inMatches = { sql: ['r.id IN (SELECT value FROM json_each(?))'], params: [JSON.stringify(matchIds)] };
    const total = countRecords(db, clauses, inMatches);
    const rows = (
      db
        .prepare(`SELECT ${WORKLIST_COLUMNS_SQL} FROM records r ${where(clauses, inMatches.sql)} ${orderBy(query)} LIMIT ? OFFSET ?`)
        .all(...clauses.params, ...inMatches.params, query.limit, query.offset) as WorklistDbRow[]
    ).map(toWorklistRow);
    return { total, totalIsLowerBound: false, rows };
  }

  const rows = pageRows(db, query, clauses, { sql: [`${RECORD_STATEMENT_TEXT} LIKE ? ESCAPE '\\'`], params: [pattern] }, query.limit);
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
  const statement = query.filter.statement?.trim();
  const counted = statement ? statementFilteredPage(db, query, statement) : unfilteredByStatementPage(db, query);
  // Unread is the whole study's count (the reading-room badge), whatever the filter.
  const { unread } = db.prepare("SELECT count(*) AS unread FROM records WHERE status = 'unread'").get() as {
    unread: number;
  };
  return { ...counted, unread };
}
