/**
 * Worklist page time on a study of 100,000 records (synthetic rows inserted directly, no waveforms),
 * with realistic machine statements (bench/synthetic-statements.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorklistQuery } from '../src/shared/contract/worklist.ts';
import { openStudyDatabase } from '../src/main/core/db/open-database.ts';
import { worklistPage } from '../src/main/core/study/worklist-query.ts';
import { reportTable } from './bench-table.ts';
import { statementGenerator } from './synthetic-statements.ts';
import { seededRandom } from '../tests/support/seeded-random.ts';

const RECORDS = 100_000;
/** Independent draws, weighted as in a reading room: mostly signed, a fifth unread. */
const STATUSES: [string, number][] = [['unread', 20], ['in-review', 5], ['confirmed', 25], ['signed', 50]];
const FORMATS: [string, number][] = [['wfdb', 30], ['dicom', 20], ['ge-muse', 20], ['philips-sierra', 15], ['hl7-aecg', 10], ['scp-ecg', 5]];

function weighted(items: [string, number][], u: number): string {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let threshold = u * total;
  for (const [item, weight] of items) {
    threshold -= weight;
    if (threshold < 0) return item;
  }
  return items[items.length - 1][0];
}

const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-bench-worklist-'));
try {
  const db = openStudyDatabase(join(folder, 'study.sqlite'));
  const insert = db.prepare(
    `INSERT INTO records (format, source_file, source_sha256, sample_rate_hz, duration_s, lead_count, lead_names_json,
       acquired_at, imported_at, status, ai_risk, patient_source_id, patient_name, sex, age_years, statements_summary,
       patient_json, acquisition_json) VALUES (?, ?, ?, 500, 10, 12, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', '{}')`
  );
  const insertFts = db.prepare('INSERT INTO statements_fts (rowid, text) VALUES (?, ?)');
  const statements = statementGenerator();
  const rand = seededRandom(7);
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const texts = statements.next();
      const acquiredMs = Date.UTC(2015, 0, 1) + Math.floor(rand() * 100_000) * 3_600_000;
      const acquired = new Date(acquiredMs).toISOString().slice(0, 19);
      // Imported within three days of acquisition, as a department's daily transfers are.
      const imported = new Date(acquiredMs + Math.floor(rand() * 72) * 3_600_000).toISOString().slice(0, 19);
      const patient = Math.floor(rand() * 40_000);
      const id = insert.run(
        weighted(FORMATS, rand()), `${i}.xml`, `sha-${i}`, acquired, imported, weighted(STATUSES, rand()),
        rand() < 1 / 3 ? null : Math.round(rand() * 1000) / 1000, `P${patient}`, `Patient ${patient}`,
        rand() < 0.5 ? 'F' : 'M', 20 + Math.floor(rand() * 70), texts.slice(0, 3).join('; ')
      ).lastInsertRowid;
      insertFts.run(id, texts.join('\n'));
    }
  })();
  const fillS = (performance.now() - started) / 1000;
  db.exec('ANALYZE');

  const queries: [string, Partial<WorklistQuery>][] = [
    ['newest first, no filter', {}],
    ['unread, newest first', { filter: { status: 'unread' } }],
    ['highest AI risk, unread', { sort: { column: 'aiRisk', direction: 'desc' }, filter: { status: 'unread' } }],
    ['by patient name, format filter', { sort: { column: 'patientName', direction: 'asc' }, filter: { format: 'dicom' } }],
    ['by status, format filter', { sort: { column: 'status', direction: 'asc' }, filter: { format: 'scp-ecg' } }],
    ['acquired 2020–2022, by import date', { sort: { column: 'importedAt', direction: 'asc' }, filter: { acquiredFrom: '2020-01-01', acquiredTo: '2022-12-31' } }],
    // The import-date index walk's worst case: the matches lie at the far end of the walk.
    ['acquired 2015, newest import first', { sort: { column: 'importedAt', direction: 'desc' }, filter: { acquiredFrom: '2015-01-01', acquiredTo: '2015-12-31' } }],
    ['statement "sinus" (81 % of records), newest', { filter: { statement: 'sinus' } }],
    ['statement "infarction" (18 %), newest', { filter: { statement: 'infarction' } }],
    ['statement "bundle branch" (7.7 %), newest', { filter: { statement: 'bundle branch' } }],
    ['statement "ventricular tachycardia" (0.6 %), newest', { filter: { statement: 'ventricular tachycardia' } }],
    ['statement "brugada" (0.13 %), newest', { filter: { statement: 'brugada' } }],
    ['statement "infarction", unread, highest AI risk', { sort: { column: 'aiRisk', direction: 'desc' }, filter: { statement: 'infarction', status: 'unread' } }],
    ['statement "mobitz", by patient name', { sort: { column: 'patientName', direction: 'asc' }, filter: { statement: 'mobitz' } }],
    ['patient prefix "Patient 123"', { filter: { patient: 'Patient 123' } }],
    ['page 1000 by duration', { offset: 50_000, sort: { column: 'durationS', direction: 'asc' } }],
  ];
  const rows: [string, string][] = [
    ['records', String(RECORDS)],
    ['distinct statement texts', String(statements.distinctTexts)],
    ['synthetic fill', `${fillS.toFixed(1)} s`],
  ];
  for (const [label, partial] of queries) {
    const query: WorklistQuery = { offset: 0, limit: 50, sort: { column: 'acquiredAt', direction: 'desc' }, filter: {}, ...partial };
    const times: number[] = [];
    let total = '';
    for (let run = 0; run < 15; run++) {
      const t0 = performance.now();
      const page = worklistPage(db, query);
      times.push(performance.now() - t0);
      total = `${page.total}${page.totalIsLowerBound ? '+' : ''}`;
    }
    times.sort((a, b) => a - b);
    rows.push([`50-row page: ${label} (median / max ms; total)`, `${times[7].toFixed(1)} / ${(times.at(-1) ?? 0).toFixed(1)}; ${total}`]);
  }
  db.close();
  reportTable('worklist', rows);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
