/**
 * Stores prepared records: each with its patient, source content, files and audit entry, atomically.
 * A batch is one transaction with a savepoint per record, so one bad record leaves nothing of itself
 * and never undoes the good ones; statements are prepared once per database and reused.
 */
import type Database from 'better-sqlite3';
import type { PatientDemographics } from '../../../shared/ecg/record.ts';
import { appendAudit } from '../db/audit-log.ts';
import type { PreparedRecord, RecordWriteOutcome } from './prepared-record.ts';

const SUMMARY_STATEMENTS = 3;

export function patientDisplayName(patient: PatientDemographics): string | null {
  const parts = [patient.familyName?.trim(), patient.givenName?.trim()].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : null;
}

interface WriterStatements {
  findPatient: Database.Statement<[string], { id: number }>;
  insertPatient: Database.Statement<unknown[]>;
  findRecord: Database.Statement<[string], { id: number }>;
  insertRecord: Database.Statement<unknown[]>;
  insertWaveform: Database.Statement<unknown[]>;
  insertStatement: Database.Statement<unknown[]>;
  insertStatementText: Database.Statement<unknown[]>;
  insertMeasurement: Database.Statement<unknown[]>;
  insertAnnotation: Database.Statement<unknown[]>;
  insertFile: Database.Statement<unknown[]>;
}

const statementsByDatabase = new WeakMap<Database.Database, WriterStatements>();

function writerStatements(db: Database.Database): WriterStatements {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = {
      findPatient: db.prepare('SELECT id FROM patients WHERE patient_key = ?'),
      insertPatient: db.prepare(
        `INSERT INTO patients (patient_key, source_id, family_name, given_name, birth_date, sex, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      findRecord: db.prepare('SELECT id FROM records WHERE source_sha256 = ?'),
      insertRecord: db.prepare(
        `INSERT INTO records (patient_id, batch_id, format, source_file, source_sha256, sample_rate_hz, duration_s,
           lead_count, lead_names_json, acquired_at, imported_at, patient_source_id, patient_name, sex, age_years,
           statements_summary, patient_json, acquisition_json, warnings_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      insertWaveform: db.prepare('INSERT INTO waveforms (record_id, kind, sample_rate_hz, data) VALUES (?, ?, ?, ?)'),
      insertStatement: db.prepare(
        `INSERT INTO source_statements (record_id, ordinal, text, source, code, code_system, severity) VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      insertStatementText: db.prepare('INSERT INTO statements_fts (rowid, text) VALUES (?, ?)'),
      insertMeasurement: db.prepare(
        `INSERT INTO source_measurements (record_id, ordinal, name, value, unit, lead, source_label) VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      insertAnnotation: db.prepare(
        `INSERT INTO source_annotations (record_id, ordinal, set_name, time_s, end_time_s, code, description, lead)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      insertFile: db.prepare('INSERT INTO files (record_id, path, sha256, size_bytes, role) VALUES (?, ?, ?, ?, ?)'),
    };
    statementsByDatabase.set(db, statements);
  }
  return statements;
}

function upsertPatient(statements: WriterStatements, patient: PatientDemographics, now: string): number | null {
  const sourceId = patient.id?.trim();
  if (!sourceId) return null;
  const key = `id:${sourceId}`;
  const existing = statements.findPatient.get(key);
  if (existing) return existing.id;
  const result = statements.insertPatient.run(
    key,
    sourceId,
    patient.familyName ?? null,
    patient.givenName ?? null,
    patient.birthDate ?? null,
    patient.sex ?? null,
    now
  );
  return Number(result.lastInsertRowid);
}

function findRecordIdBySha256(db: Database.Database, sourceSha256: string): number | undefined {
  return writerStatements(db).findRecord.get(sourceSha256)?.id;
}

/** The writes of one record; the caller provides the transaction or savepoint around them. */
function writeRecord(db: Database.Database, prepared: PreparedRecord, batchId: number | null, actor: string, importedAt: string): number {
  const statements = writerStatements(db);
  const { record } = prepared;
  const patientId = upsertPatient(statements, record.patient, importedAt);
  const summary = record.statements
    .slice(0, SUMMARY_STATEMENTS)
    .map((s) => s.text)
    .join('; ');
  const inserted = statements.insertRecord.run(
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
  statements.insertWaveform.run(recordId, 'rhythm', prepared.sampleRateHz, prepared.rhythmBlob);
  if (prepared.median) statements.insertWaveform.run(recordId, 'median', prepared.median.sampleRateHz, prepared.median.blob);
  record.statements.forEach((s, i) =>
    statements.insertStatement.run(recordId, i, s.text, s.source, s.code ?? null, s.codeSystem ?? null, s.severity ?? null)
  );
  if (record.statements.length > 0) {
    statements.insertStatementText.run(recordId, record.statements.map((s) => s.text).join('\n'));
  }
  record.measurements.forEach((m, i) =>
    statements.insertMeasurement.run(recordId, i, m.name, m.value, m.unit, m.lead ?? null, m.sourceLabel ?? null)
  );
  record.annotations.forEach((a, i) =>
    statements.insertAnnotation.run(recordId, i, a.set, a.timeS, a.endTimeS ?? null, a.code, a.description ?? null, a.lead ?? null)
  );
  prepared.files.forEach((f, i) => statements.insertFile.run(recordId, f.path, f.sha256, f.sizeBytes, i === 0 ? 'primary' : 'companion'));
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
}

/**
 * Stores the records in one transaction, each under its own savepoint (better-sqlite3 nests a
 * transaction function as a savepoint). A record whose content is already stored, including earlier
 * in the same batch, is a duplicate and writes nothing. Throws only when the batch transaction itself
 * cannot start or commit, in which case nothing of the batch is stored.
 */
export function insertPreparedRecords(
  db: Database.Database,
  records: readonly PreparedRecord[],
  batchId: number | null,
  actor: string,
  importedAt = new Date().toISOString()
): RecordWriteOutcome[] {
  const writeAtomically = db.transaction((prepared: PreparedRecord) => writeRecord(db, prepared, batchId, actor, importedAt));
  return db
    .transaction(() =>
      records.map((prepared): RecordWriteOutcome => {
        const existingId = findRecordIdBySha256(db, prepared.sourceSha256);
        if (existingId !== undefined) return { kind: 'duplicate', recordId: existingId };
        try {
          return { kind: 'imported', recordId: writeAtomically(prepared) };
        } catch (error) {
          // SQLite ended the whole transaction (disk full, I/O error): the batch fails as one.
          if (!db.inTransaction) throw error;
          return { kind: 'failed', error };
        }
      })
    )
    .immediate();
}
