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

const RECORDS = 100_000;
const STATUSES = ['unread', 'in-review', 'confirmed', 'signed'];
const FORMATS = ['wfdb', 'dicom', 'hl7-aecg', 'ge-muse', 'philips-sierra', 'scp-ecg'];

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
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const texts = statements.next();
      const acquired = new Date(Date.UTC(2015, 0, 1) + ((i * 7919) % RECORDS) * 3_600_000).toISOString().slice(0, 19);
      const id = insert.run(
        FORMATS[i % FORMATS.length], `${i}.xml`, `sha-${i}`, acquired, acquired, STATUSES[(i * 13) % 4],
        i % 3 === 0 ? null : ((i * 31) % 1000) / 1000, `P${(i * 17) % 40_000}`, `Patient ${(i * 17) % 40_000}`,
        i % 2 ? 'F' : 'M', 20 + (i % 70), texts.slice(0, 3).join('; ')
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
