/**
 * Migration 1: patients, records with compressed waveforms, what the source file carried, import
 * batches, files by content hash, settings and the hash-chained audit log.
 */
export const sql = /* sql */ `
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  -- 'id:<source patient id>': the same id from any file is the same patient.
  patient_key TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL,
  family_name TEXT,
  given_name TEXT,
  birth_date TEXT,
  sex TEXT CHECK (sex IN ('M', 'F', 'U')),
  created_at TEXT NOT NULL
);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  paths_json TEXT NOT NULL,
  file_count INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
);

CREATE TABLE import_failures (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  error TEXT NOT NULL
);
CREATE INDEX import_failures_batch ON import_failures (batch_id);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER REFERENCES patients (id),
  batch_id INTEGER REFERENCES import_batches (id),
  format TEXT NOT NULL,
  source_file TEXT NOT NULL,
  -- sha256 over the primary file and every companion it read: the record's identity.
  source_sha256 TEXT NOT NULL UNIQUE,
  sample_rate_hz REAL NOT NULL CHECK (sample_rate_hz > 0),
  duration_s REAL NOT NULL,
  lead_count INTEGER NOT NULL,
  lead_names_json TEXT NOT NULL,
  acquired_at TEXT,
  imported_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'unread' CHECK (status IN ('unread', 'in-review', 'confirmed', 'signed')),
  ai_risk REAL CHECK (ai_risk IS NULL OR (ai_risk >= 0 AND ai_risk <= 1)),
  -- Copied from the patient for the worklist: sorting a million rows on a joined column is too slow.
  patient_source_id TEXT COLLATE NOCASE,
  patient_name TEXT COLLATE NOCASE,
  sex TEXT,
  age_years REAL,
  statements_summary TEXT NOT NULL DEFAULT '',
  patient_json TEXT NOT NULL,
  acquisition_json TEXT NOT NULL,
  warnings_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX records_acquired ON records (acquired_at, id);
CREATE INDEX records_imported ON records (imported_at, id);
CREATE INDEX records_status_acquired ON records (status, acquired_at, id);
CREATE INDEX records_patient_name ON records (patient_name, id);
CREATE INDEX records_patient_source_id ON records (patient_source_id, id);
CREATE INDEX records_format ON records (format, id);
CREATE INDEX records_duration ON records (duration_s, id);
CREATE INDEX records_ai_risk ON records (ai_risk, id);
CREATE INDEX records_status_ai_risk ON records (status, ai_risk, id);
CREATE INDEX records_patient_acquired ON records (patient_id, acquired_at);
CREATE INDEX records_batch ON records (batch_id);

-- kind: 'rhythm' or 'median'; data: src/main/core/storage/waveform-codec.ts.
CREATE TABLE waveforms (
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('rhythm', 'median')),
  sample_rate_hz REAL NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (record_id, kind)
) WITHOUT ROWID;

CREATE TABLE source_statements (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL,
  code TEXT,
  code_system TEXT,
  severity TEXT
);
CREATE INDEX source_statements_record ON source_statements (record_id, ordinal);
CREATE INDEX source_statements_code ON source_statements (code) WHERE code IS NOT NULL;

-- Substring search over a record's statements (worklist filter): trigram FTS, one row per record.
CREATE VIRTUAL TABLE statements_fts USING fts5 (text, tokenize = 'trigram');

CREATE TABLE source_measurements (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  lead TEXT,
  source_label TEXT
);
CREATE INDEX source_measurements_record ON source_measurements (record_id, ordinal);
CREATE INDEX source_measurements_name ON source_measurements (name, value);

CREATE TABLE source_annotations (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  set_name TEXT NOT NULL,
  time_s REAL NOT NULL,
  end_time_s REAL,
  code TEXT NOT NULL,
  description TEXT,
  lead TEXT
);
CREATE INDEX source_annotations_record ON source_annotations (record_id, ordinal);

-- Every file a record was built from, with its own hash, so a folder can be checked against the study.
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('primary', 'companion'))
);
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_record ON files (record_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);

-- Append-only; each entry's hash covers its content and the previous entry's hash.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
`;
