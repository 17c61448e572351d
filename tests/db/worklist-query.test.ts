import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorklistQuery } from '../../src/shared/contract/worklist.ts';
import { openStudyDatabase } from '../../src/main/core/db/open-database.ts';
import { worklistPage } from '../../src/main/core/study/worklist-query.ts';

const RECORDS = 6000;
const STATUSES = ['unread', 'in-review', 'confirmed', 'signed'] as const;

interface Synthetic {
  id: number;
  acquiredAt: string;
  status: string;
  text: string;
}

/** Record i: sinus rhythm in 3 of 4, Brugada in 12, a literal "50%" in 6 and "500 ms" in others. */
function statementsOf(i: number): string[] {
  const statements = [i % 4 === 0 ? 'atrial fibrillation' : 'Sinus rhythm'];
  if (i % 500 === 7) statements.push('Brugada pattern type 1');
  if (i % 1000 === 3) statements.push('QRS widened 50% over baseline');
  if (i % 100 === 5) statements.push('pause of 500 ms');
  return statements;
}

let db: Database.Database;
const records: Synthetic[] = [];

beforeAll(() => {
  db = openStudyDatabase(':memory:');
  const insert = db.prepare(
    `INSERT INTO records (format, source_file, source_sha256, sample_rate_hz, duration_s, lead_count, lead_names_json,
       acquired_at, imported_at, status, statements_summary, patient_json, acquisition_json)
     VALUES ('wfdb', ?, ?, 500, 10, 12, '[]', ?, ?, ?, ?, '{}', '{}')`
  );
  const insertText = db.prepare('INSERT INTO statements_fts (rowid, text) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      // Acquisition times out of id order, with ties, so the sort and its id tiebreak both matter.
      const acquiredAt = new Date(Date.UTC(2020, 0, 1) + ((i * 7919) % 3001) * 60_000).toISOString().slice(0, 19);
      const status = STATUSES[Math.floor(i / 4) % 4];
      const text = statementsOf(i).join('\n');
      const id = Number(insert.run(`${i}.hea`, `sha-${i}`, acquiredAt, acquiredAt, status, text.replace(/\n/g, '; ')).lastInsertRowid);
      insertText.run(id, text);
      records.push({ id, acquiredAt, status, text });
    }
  })();
});
afterAll(() => db.close());

/** The page computed by brute force: filter, newest first with id as tiebreak, slice. */
function expected(statement: string, query: Partial<WorklistQuery['filter']>, offset = 0): { ids: number[]; total: number } {
  const matches = records
    .filter((r) => r.text.toLowerCase().includes(statement.toLowerCase()) && (!query.status || r.status === query.status))
    .sort((a, b) => (a.acquiredAt === b.acquiredAt ? b.id - a.id : a.acquiredAt < b.acquiredAt ? 1 : -1));
  return { ids: matches.slice(offset, offset + 50).map((r) => r.id), total: matches.length };
}

function page(filter: WorklistQuery['filter'], offset = 0, column: WorklistQuery['sort']['column'] = 'acquiredAt') {
  return worklistPage(db, { offset, limit: 50, sort: { column, direction: 'desc' }, filter });
}

describe('worklist column filters', () => {
  it('gives the same pages whether a short walk of the sort order finds them (first pages) or the full plan (deep pages)', () => {
    // Imported and acquired times are equal here, so both sorts give the brute-force order.
    for (const column of ['acquiredAt', 'importedAt'] as const) {
      for (const offset of [0, 50, 1400, 1480]) {
        const result = page({ status: 'unread' }, offset, column);
        expect(result.rows.map((r) => r.id)).toEqual(expected('', { status: 'unread' }, offset).ids);
        expect(result.total).toBe(1500);
        expect(result.totalIsLowerBound).toBeUndefined();
      }
    }
  });
});

describe('worklist statement filter', () => {
  it('finds a rare text through the index, sorted, with the exact total', () => {
    const result = page({ statement: 'brugada' });
    expect(expected('brugada', {}).total).toBe(12);
    expect(result.rows.map((r) => r.id)).toEqual(expected('brugada', {}).ids);
    expect(result.total).toBe(12);
    expect(result.totalIsLowerBound).toBe(false);
  });

  it('walks the sort order for a common text and reports the total as a lower bound', () => {
    const first = page({ statement: 'sinus rhythm' });
    expect(expected('sinus rhythm', {}).total).toBe(4500);
    expect(first.rows.map((r) => r.id)).toEqual(expected('sinus rhythm', {}).ids);
    expect(first.total).toBe(2000);
    expect(first.totalIsLowerBound).toBe(true);
    const third = page({ statement: 'sinus rhythm' }, 100);
    expect(third.rows.map((r) => r.id)).toEqual(expected('sinus rhythm', {}, 100).ids);
  });

  it('counts a common text exactly when the other filters leave few records, else as a lower bound', () => {
    const unread = page({ statement: 'sinus', status: 'unread' });
    const truth = expected('sinus', { status: 'unread' });
    expect(truth.total).toBe(1125);
    expect(unread.rows.map((r) => r.id)).toEqual(truth.ids);
    expect(unread).toMatchObject({ total: 1125, totalIsLowerBound: false });
    // Beyond what the first 3000 records in sort order hold: the page comes from the full plan.
    const deep = page({ statement: 'sinus', status: 'unread' }, 1000);
    expect(deep.rows.map((r) => r.id)).toEqual(expected('sinus', { status: 'unread' }, 1000).ids);
    expect(deep.rows).toHaveLength(50);

    // All 6000 records are WFDB: more than the 4000 the count looks at.
    const wfdb = page({ statement: 'sinus', format: 'wfdb' });
    expect(wfdb.rows.map((r) => r.id)).toEqual(expected('sinus', {}).ids);
    expect(wfdb.totalIsLowerBound).toBe(true);
    expect(wfdb.total).toBeGreaterThan(2900);
    expect(wfdb.total).toBeLessThanOrEqual(4500);
  });

  it('treats % and _ in the text literally', () => {
    const percent = page({ statement: '50%' });
    expect(percent.rows.map((r) => r.id)).toEqual(expected('50%', {}).ids);
    expect(percent.total).toBe(6);
    expect(page({ statement: 'QRS_widened' }).total).toBe(0);
  });
});

describe('worklist sorted by import date, filtered by acquisition date', () => {
  const COUNT = 8000;
  let importDb: Database.Database;
  const imported: { id: number; acquiredAt: string; importedAt: string }[] = [];

  beforeAll(() => {
    importDb = openStudyDatabase(':memory:');
    const insert = importDb.prepare(
      `INSERT INTO records (format, source_file, source_sha256, sample_rate_hz, duration_s, lead_count, lead_names_json,
         acquired_at, imported_at, status, statements_summary, patient_json, acquisition_json)
       VALUES ('wfdb', ?, ?, 500, 10, 12, '[]', ?, ?, 'unread', '', '{}', '{}')`
    );
    importDb.transaction(() => {
      for (let i = 0; i < COUNT; i++) {
        // Acquired over 12.5 days out of id order; imported on the hour, 0–72 h later, so the two orders
        // differ, and about 20 records share each import hour (the id tiebreak matters).
        const acquiredMs = Date.UTC(2020, 0, 1) + ((i * 7919) % 6007) * 3 * 60_000;
        const importedMs = Math.floor(acquiredMs / 3_600_000) * 3_600_000 + ((i * 31) % 73) * 3_600_000;
        const acquiredAt = new Date(acquiredMs).toISOString().slice(0, 19);
        const importedAt = new Date(importedMs).toISOString().slice(0, 19);
        const id = Number(insert.run(`${i}.hea`, `sha-${i}`, acquiredAt, importedAt).lastInsertRowid);
        imported.push({ id, acquiredAt, importedAt });
      }
    })();
  });
  afterAll(() => importDb.close());

  /** Brute force: acquired within [from, to] (to as a whole day when a date), by import date then id. */
  function expectedByImport(from: string | undefined, to: string | undefined, direction: 'asc' | 'desc', offset: number) {
    const sign = direction === 'asc' ? 1 : -1;
    const matches = imported
      .filter((r) => (!from || r.acquiredAt >= from) && (!to || (to.length === 10 ? r.acquiredAt.slice(0, 10) <= to : r.acquiredAt <= to)))
      .sort((a, b) => sign * (a.importedAt === b.importedAt ? a.id - b.id : a.importedAt < b.importedAt ? -1 : 1));
    return { ids: matches.slice(offset, offset + 50).map((r) => r.id), total: matches.length };
  }

  it.each([
    // Many matches (more than 3000): found by walking the import-date index.
    ['2020-01-04', '2020-01-09', 3837],
    ['2020-01-06T12:00:00', undefined, 4485],
    [undefined, '2020-01-07', 4475],
    // Few matches: all sorted.
    ['2020-01-05', '2020-01-05', 639],
  ])('acquired %s to %s: the brute-force pages and total (%i) in both directions, at any offset', (from, to, total) => {
    for (const direction of ['asc', 'desc'] as const) {
      for (const offset of [0, 50, 1000, total - 20, total + 10]) {
        const truth = expectedByImport(from, to, direction, offset);
        const result = worklistPage(importDb, {
          offset,
          limit: 50,
          sort: { column: 'importedAt', direction },
          filter: { acquiredFrom: from, acquiredTo: to },
        });
        expect(truth.total).toBe(total);
        expect(result.total).toBe(total);
        expect(result.rows.map((r) => r.id)).toEqual(truth.ids);
      }
    }
  });
});
