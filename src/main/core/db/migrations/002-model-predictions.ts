/**
 * Migration 2: AI model runs and per-record predictions. A run keeps the whole manifest it ran with,
 * so a stored prediction stays readable (labels, AUROCs, licence) after its model leaves the store.
 * The selected model lives in the settings table under 'ai.selectedModelId'.
 */
export const sql = /* sql */ `
CREATE TABLE model_runs (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  weights_sha256 TEXT NOT NULL,
  execution_provider TEXT NOT NULL,
  preprocessing_id TEXT NOT NULL,
  manifest_json TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  record_count INTEGER NOT NULL DEFAULT 0,
  duration_ms REAL
);
CREATE INDEX model_runs_model ON model_runs (model_id, id);

-- One row per record and model. status 'not-analysable' keeps the reason and no probabilities.
-- max_probabilities / mean_probabilities: float32 little-endian, one per label in the run manifest's order.
CREATE TABLE predictions (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  model_run_id INTEGER NOT NULL REFERENCES model_runs (id),
  model_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('analysed', 'not-analysable')),
  reason TEXT,
  window_count INTEGER NOT NULL DEFAULT 0,
  max_probabilities BLOB,
  mean_probabilities BLOB,
  mortality_probability REAL CHECK (mortality_probability IS NULL OR (mortality_probability >= 0 AND mortality_probability <= 1)),
  -- The worklist's triage score from this model (src/shared/diagnoses/risk-score.ts); copied to records.ai_risk for the selected model.
  ai_risk REAL CHECK (ai_risk IS NULL OR (ai_risk >= 0 AND ai_risk <= 1)),
  created_at TEXT NOT NULL,
  UNIQUE (record_id, model_id),
  CHECK (status = 'not-analysable' OR (max_probabilities IS NOT NULL AND mean_probabilities IS NOT NULL AND window_count > 0))
);
CREATE INDEX predictions_model ON predictions (model_id, record_id);
CREATE INDEX predictions_run ON predictions (model_run_id);
`;
