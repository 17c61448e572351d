/**
 * The study database side of AI: the selected model, model runs, per-record predictions and the
 * records' ai_risk. Every write is one immediate transaction with its audit entry, so a second
 * connection (the app's database worker) and this one never interleave a write or the audit chain.
 */
import type Database from 'better-sqlite3';
import { appendAudit } from '../db/audit-log.ts';
import { modelManifestSchema, type ModelManifest } from '../inference/manifest.ts';

const SELECTED_MODEL_KEY = 'ai.selectedModelId';

export type RecordOutcome =
  | {
      recordId: number;
      status: 'analysed';
      windowCount: number;
      maxProbabilities: Float32Array;
      meanProbabilities: Float32Array;
      mortalityProbability: number | null;
      aiRisk: number | null;
    }
  | { recordId: number; status: 'not-analysable'; reason: string };

export interface StoredPrediction {
  recordId: number;
  modelId: string;
  status: 'analysed' | 'not-analysable';
  reason: string | null;
  windowCount: number;
  maxProbabilities: Float32Array | null;
  meanProbabilities: Float32Array | null;
  mortalityProbability: number | null;
  aiRisk: number | null;
  createdAt: string;
  run: { id: number; executionProvider: string; startedAt: string; manifest: ModelManifest };
}

interface PredictionRow {
  record_id: number;
  model_id: string;
  status: 'analysed' | 'not-analysable';
  reason: string | null;
  window_count: number;
  max_probabilities: Uint8Array | null;
  mean_probabilities: Uint8Array | null;
  mortality_probability: number | null;
  ai_risk: number | null;
  created_at: string;
  run_id: number;
  execution_provider: string;
  started_at: string;
  manifest_json: string;
}

/** float32 little-endian, whatever the host's byte order, so a study file reads the same everywhere. */
export function encodeProbabilities(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

export function decodeProbabilities(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

export function selectedModelId(db: Database.Database): string | null {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(SELECTED_MODEL_KEY) as { value_json: string } | undefined;
  if (!row) return null;
  const value: unknown = JSON.parse(row.value_json);
  return typeof value === 'string' ? value : null;
}

/** Selects a model and re-points every record's ai_risk at that model's predictions (null where it has none yet). */
export function selectModel(db: Database.Database, modelId: string, actor: string): void {
  db.transaction(() => {
    const previous = selectedModelId(db);
    if (previous === modelId) return;
    db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json').run(
      SELECTED_MODEL_KEY,
      JSON.stringify(modelId),
    );
    db.prepare('UPDATE records SET ai_risk = (SELECT p.ai_risk FROM predictions p WHERE p.record_id = records.id AND p.model_id = ?)').run(modelId);
    appendAudit(db, { actor, action: 'ai.model.select', entity: 'settings', entityId: null, details: { from: previous, to: modelId } });
  }).immediate();
}

/** Records the model has not read yet, oldest first, skipping those listed (failed in this pass). */
export function pendingRecordIds(db: Database.Database, modelId: string, limit: number, skip: ReadonlySet<number>): number[] {
  const rows = db
    .prepare(
      `SELECT r.id FROM records r
       WHERE NOT EXISTS (SELECT 1 FROM predictions p WHERE p.record_id = r.id AND p.model_id = ?)
         AND r.id NOT IN (SELECT value FROM json_each(?))
       ORDER BY r.id LIMIT ?`,
    )
    .all(modelId, JSON.stringify([...skip]), limit) as { id: number }[];
  return rows.map((r) => r.id);
}

export function pendingRecordCount(db: Database.Database, modelId: string): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM records r WHERE NOT EXISTS (SELECT 1 FROM predictions p WHERE p.record_id = r.id AND p.model_id = ?)')
    .get(modelId) as { n: number };
  return row.n;
}

export function rhythmBlob(db: Database.Database, recordId: number): Uint8Array | undefined {
  const row = db.prepare("SELECT data FROM waveforms WHERE record_id = ? AND kind = 'rhythm'").get(recordId) as { data: Uint8Array } | undefined;
  return row?.data;
}

export function recordExists(db: Database.Database, recordId: number): boolean {
  return db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId) !== undefined;
}

export function startModelRun(db: Database.Database, manifest: ModelManifest, executionProvider: string, actor: string, startedAt: string): number {
  return db.transaction(() => {
    const inserted = db
      .prepare(
        `INSERT INTO model_runs (model_id, model_name, model_version, weights_sha256, execution_provider, preprocessing_id, manifest_json, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(manifest.id, manifest.name, manifest.version, manifest.weightsSha256, executionProvider, manifest.preprocessingId, JSON.stringify(manifest), startedAt);
    const runId = Number(inserted.lastInsertRowid);
    appendAudit(
      db,
      { actor, action: 'ai.run.start', entity: 'model_run', entityId: runId, details: { modelId: manifest.id, weightsSha256: manifest.weightsSha256, executionProvider } },
      startedAt,
    );
    return runId;
  }).immediate();
}

export function finishModelRun(db: Database.Database, runId: number, recordCount: number, durationMs: number, cancelled: boolean, actor: string): void {
  const finishedAt = new Date().toISOString();
  db.transaction(() => {
    db.prepare('UPDATE model_runs SET finished_at = ?, record_count = ?, duration_ms = ? WHERE id = ?').run(finishedAt, recordCount, durationMs, runId);
    appendAudit(db, { actor, action: 'ai.run.finish', entity: 'model_run', entityId: runId, details: { recordCount, durationMs, cancelled } }, finishedAt);
  }).immediate();
}

/**
 * Stores one batch of outcomes. A record that already has a prediction from this model (stored by a
 * pass that overlapped) keeps it. ai_risk is copied to the record only for the selected model.
 */
export function storeOutcomes(db: Database.Database, runId: number, modelId: string, outcomes: readonly RecordOutcome[], actor: string): void {
  const createdAt = new Date().toISOString();
  db.transaction(() => {
    const insert = db.prepare(
      `INSERT INTO predictions (record_id, model_run_id, model_id, status, reason, window_count, max_probabilities, mean_probabilities,
         mortality_probability, ai_risk, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (record_id, model_id) DO NOTHING`,
    );
    const isSelected = selectedModelId(db) === modelId;
    const setRisk = db.prepare('UPDATE records SET ai_risk = ? WHERE id = ?');
    const stored: { analysed: number[]; notAnalysable: number[] } = { analysed: [], notAnalysable: [] };
    for (const outcome of outcomes) {
      const result =
        outcome.status === 'analysed'
          ? insert.run(
              outcome.recordId,
              runId,
              modelId,
              'analysed',
              null,
              outcome.windowCount,
              encodeProbabilities(outcome.maxProbabilities),
              encodeProbabilities(outcome.meanProbabilities),
              outcome.mortalityProbability,
              outcome.aiRisk,
              createdAt,
            )
          : insert.run(outcome.recordId, runId, modelId, 'not-analysable', outcome.reason, 0, null, null, null, null, createdAt);
      if (result.changes === 0) continue;
      if (outcome.status === 'analysed') {
        stored.analysed.push(outcome.recordId);
        if (isSelected) setRisk.run(outcome.aiRisk, outcome.recordId);
      } else {
        stored.notAnalysable.push(outcome.recordId);
      }
    }
    if (stored.analysed.length + stored.notAnalysable.length === 0) return;
    appendAudit(db, { actor, action: 'ai.predictions', entity: 'model_run', entityId: runId, details: { modelId, ...stored } }, createdAt);
  }).immediate();
}

export function readPrediction(db: Database.Database, recordId: number, modelId: string): StoredPrediction | undefined {
  const row = db
    .prepare(
      `SELECT p.record_id, p.model_id, p.status, p.reason, p.window_count, p.max_probabilities, p.mean_probabilities,
         p.mortality_probability, p.ai_risk, p.created_at, m.id AS run_id, m.execution_provider, m.started_at, m.manifest_json
       FROM predictions p JOIN model_runs m ON m.id = p.model_run_id
       WHERE p.record_id = ? AND p.model_id = ?`,
    )
    .get(recordId, modelId) as PredictionRow | undefined;
  if (!row) return undefined;
  return {
    recordId: row.record_id,
    modelId: row.model_id,
    status: row.status,
    reason: row.reason,
    windowCount: row.window_count,
    maxProbabilities: row.max_probabilities ? decodeProbabilities(row.max_probabilities) : null,
    meanProbabilities: row.mean_probabilities ? decodeProbabilities(row.mean_probabilities) : null,
    mortalityProbability: row.mortality_probability,
    aiRisk: row.ai_risk,
    createdAt: row.created_at,
    run: {
      id: row.run_id,
      executionProvider: row.execution_provider,
      startedAt: row.started_at,
      manifest: modelManifestSchema.parse(JSON.parse(row.manifest_json)),
    },
  };
}
