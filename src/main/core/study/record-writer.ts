/** Stores one prepared record, its patient, source content, files and audit entry in one transaction. */
import type Database from 'better-sqlite3';
import type { PatientDemographics } from '../../../shared/ecg/record.ts';
import { appendAudit } from '../db/audit-log.ts';
import type { PreparedRecord } from './prepared-record.ts';

const SUMMARY_STATEMENTS = 3;

export function patientDisplayName(patient: PatientDemographics): string | null {
  const parts = [patient.familyName?.trim(), patient.givenName?.trim()].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : null;
}

function upsertPatient(db: Database.Database, patient: PatientDemographics, now: string): number | null {
  const sourceId = patient.id?.trim();
  if (!sourceId) return null;
  const key = `id:${sourceId}`;
  const existing = db.prepare('SELECT id FROM patients WHERE patient_key = ?').get(key) as { id: number } | undefined;
  if (existing) return existing.id;
  const result = db
    .prepare(
      `INSERT INTO patients (patient_key, source_id, family_name, given_name, birth_date, sex, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    )
    .run(key, sourceId, patient.familyName ?? null, patient.givenName ?? null, patient.birthDate ?? null, patient.sex ?? null, now);
  return Number(result.lastInsertRowid);
}

export function findRecordIdBySha256(db: Database.Database, sourceSha256: string): number | undefined {
  const row = db.prepare('SELECT id FROM records WHERE source_sha256 = ?').get(sourceSha256) as { id: number } | undefined;
  return row?.id;
}

/** Inserts the record; the whole write rolls back if any part fails. Returns the new record id. */
export function insertPreparedRecord(
  db: Database.Database,
  prepared: PreparedRecord,
  batchId: number | null,
  actor: string,
  importedAt = new Date().toISOString()
): number {
  const { record } = prepared;
  return db.transaction(() => {
    const patientId = upsertPatient(db, record.patient, importedAt);
    const summary = record.statements
      .slice(0, SUMMARY_STATEMENTS)
      .map((s) => s.text)
      .join('; ');
    const inserted = db
      .prepare(
        `INSERT INTO records (patient_id, batch_id, format, source_file, source_sha256, sample_rate_hz, duration_s,
           lead_count, lead_names_json, acquired_at, imported_at, patient_source_id, patient_name, sex, age_years,
           statements_summary, patient_json, acquisition_json, warnings_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        patientId,
        batchId,
        record.format,
        record.sourceFile,
        prepared.sourceSha256,
        prepared.sampleRateHz,
        prepared.durationS,
        prepared.leadNames.length,
        JSON.stringify(prepared.leadNames),
        record.acquisition.dateTime ?? null,
        importedAt,
        record.patient.id?.trim() || null,
        patientDisplayName(record.patient),
        record.patient.sex ?? null,
        record.patient.ageYears ?? null,
        summary,
        JSON.stringify(record.patient),
        JSON.stringify(record.acquisition),
        JSON.stringify(record.warnings)
      );
    const recordId = Number(inserted.lastInsertRowid);
    const insertWaveform = db.prepare('INSERT INTO waveforms (record_id, kind, sample_rate_hz, data) VALUES (?, ?, ?, ?)');
    insertWaveform.run(recordId, 'rhythm', prepared.sampleRateHz, prepared.rhythmBlob);
    if (prepared.median) insertWaveform.run(recordId, 'median', prepared.median.sampleRateHz, prepared.median.blob);

    const insertStatement = db.prepare(
      `INSERT INTO source_statements (record_id, ordinal, text, source, code, code_system, severity) VALUES (?, ?, ?, ?, ?, ?, ?)`
    );
    record.statements.forEach((s, i) =>
      insertStatement.run(recordId, i, s.text, s.source, s.code ?? null, s.codeSystem ?? null, s.severity ?? null)
    );
    if (record.statements.length > 0) {
      db.prepare('INSERT INTO statements_fts (rowid, text) VALUES (?, ?)').run(
        recordId,
        record.statements.map((s) => s.text).join('\n')
      );
    }
    const insertMeasurement = db.prepare(
      `INSERT INTO source_measurements (record_id, ordinal, name, value, unit, lead, source_label) VALUES (?, ?, ?, ?, ?, ?, ?)`
    );
    record.measurements.forEach((m, i) =>
      insertMeasurement.run(recordId, i, m.name, m.value, m.unit, m.lead ?? null, m.sourceLabel ?? null)
    );
    const insertAnnotation = db.prepare(
      `INSERT INTO source_annotations (record_id, ordinal, set_name, time_s, end_time_s, code, description, lead)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    );
    record.annotations.forEach((a, i) =>
      insertAnnotation.run(recordId, i, a.set, a.timeS, a.endTimeS ?? null, a.code, a.description ?? null, a.lead ?? null)
    );
    const insertFile = db.prepare('INSERT INTO files (record_id, path, sha256, size_bytes, role) VALUES (?, ?, ?, ?, ?)');
    prepared.files.forEach((f, i) => insertFile.run(recordId, f.path, f.sha256, f.sizeBytes, i === 0 ? 'primary' : 'companion'));

    appendAudit(
      db,
      {
        actor,
        action: 'record.import',
        entity: 'record',
        entityId: recordId,
        details: { sourceSha256: prepared.sourceSha256, sourceFile: record.sourceFile, format: record.format, batchId },
      },
      importedAt
    );
    return recordId;
  }).immediate();
}
