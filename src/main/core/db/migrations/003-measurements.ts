/**
 * Migration 3: our own measurements per record, with provenance. The engine's output is kept
 * verbatim (computed); the global values and the median beat's fiducials are also rows, so they can
 * be queried and a named reader's edits sit beside the computed ones ('edited' rows override;
 * a revert deletes them). The device's measurements stay in source_measurements; the
 * record_measurement_values view links them in, never copied.
 */
export const sql = /* sql */ `
CREATE TABLE measurement_sets (
  record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
  engine_version TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  sample_rate_hz REAL NOT NULL,
  -- The engine's Measurements without the median-beat samples (those are median_beat).
  result_json TEXT NOT NULL,
  -- src/main/core/storage/waveform-codec.ts; NULL when no median beat could be formed.
  median_beat BLOB
);

CREATE TABLE measurement_values (
  record_id INTEGER NOT NULL REFERENCES measurement_sets (record_id) ON DELETE CASCADE,
  -- 'heartRateBpm', 'prMs', 'qtcMs.bazett', 'axesDeg.qrs', ...
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  provenance TEXT NOT NULL CHECK (provenance IN ('computed', 'edited')),
  reader TEXT CHECK ((provenance = 'edited') = (reader IS NOT NULL)),
  edited_at TEXT,
  PRIMARY KEY (record_id, name, provenance)
) WITHOUT ROWID;
CREATE INDEX measurement_values_name ON measurement_values (name, value);

-- beat: -1 for the median beat (times from its start), else the beat's index (times from the record start).
-- Computed per-beat fiducials stay in result_json; only the reader's moved ones are rows here.
CREATE TABLE measurement_fiducials (
  record_id INTEGER NOT NULL REFERENCES measurement_sets (record_id) ON DELETE CASCADE,
  beat INTEGER NOT NULL CHECK (beat >= -1),
  name TEXT NOT NULL CHECK (name IN ('pOnset', 'pOffset', 'qrsOnset', 'qrsOffset', 'tPeak', 'tOffset')),
  time_s REAL NOT NULL,
  provenance TEXT NOT NULL CHECK (provenance IN ('computed', 'edited')),
  reader TEXT CHECK ((provenance = 'edited') = (reader IS NOT NULL)),
  edited_at TEXT,
  PRIMARY KEY (record_id, beat, name, provenance)
) WITHOUT ROWID;

-- The reader's history: every changed fiducial and value, old and new (NULL where there was none).
CREATE TABLE measurement_edits (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  reader TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('edit', 'revert')),
  target TEXT NOT NULL,
  old_value REAL,
  new_value REAL,
  reason TEXT
);
CREATE INDEX measurement_edits_record ON measurement_edits (record_id, id);

-- Every global value of a record with its provenance: ours (edited over computed) and the device's.
CREATE VIEW record_measurement_values AS
SELECT v.record_id, v.name, v.value, v.unit, NULL AS lead, v.provenance, v.reader
FROM measurement_values v
WHERE v.provenance = 'edited'
   OR NOT EXISTS (SELECT 1 FROM measurement_values e WHERE e.record_id = v.record_id AND e.name = v.name AND e.provenance = 'edited')
UNION ALL
SELECT s.record_id, s.name, s.value, s.unit, s.lead, 'device', NULL
FROM source_measurements s;
`;
