/**
 * The inference queue on a study of real ECG files, with test checkpoints installed through the model
 * store: stored predictions per record and model, the provider recorded, results equal to a direct
 * preprocess + model run, reasons for records the model cannot read, and model re-selection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiEngine } from '../../src/main/core/ai/ai-engine.ts';
import { decodeProbabilities } from '../../src/main/core/ai/prediction-store.ts';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { PROVIDER_PREFERENCE } from '../../src/main/core/inference/execution-providers.ts';
import { loadModel, runModel } from '../../src/main/core/inference/inference-session.ts';
import { predictFromLogits } from '../../src/main/core/inference/prediction.ts';
import type { InstallResult } from '../../src/main/core/inference/model-store.ts';
import { preprocessForHubert } from '../../src/shared/preprocessing/hubert-ecg/preprocess.ts';
import { ECG_FILES, installTestModel, shortCsvRecord, studyOf, tempHome, tiny164Checkpoint, TINY_DIR } from './helpers.ts';

interface PredictionRow {
  record_id: number;
  model_id: string;
  status: string;
  reason: string | null;
  window_count: number;
  max_probabilities: Uint8Array | null;
  mean_probabilities: Uint8Array | null;
  mortality_probability: number | null;
  ai_risk: number | null;
  execution_provider: string;
  weights_sha256: string;
}

const files = [ECG_FILES.ptbxl100Hz, ECG_FILES.challenge500Hz, ECG_FILES.muse, ECG_FILES.mitdbTwoLeads];
let home: string;
let tiny: InstallResult;
let tiny164: InstallResult;
let databasePath: string;
let recordIds: number[];
let shortRecordId: number;
let engine: AiEngine;

function predictions(modelId: string): PredictionRow[] {
  return engine.db
    .prepare(
      `SELECT p.*, m.execution_provider, m.weights_sha256 FROM predictions p JOIN model_runs m ON m.id = p.model_run_id
       WHERE p.model_id = ? ORDER BY p.record_id`,
    )
    .all(modelId) as PredictionRow[];
}

beforeAll(async () => {
  home = tempHome(true);
  tiny = await installTestModel(TINY_DIR, home);
  tiny164 = await installTestModel(tiny164Checkpoint(), home);
  ({ databasePath, recordIds } = await studyOf([...files, shortCsvRecord()]));
  shortRecordId = recordIds.pop() ?? 0;
  engine = new AiEngine({ databasePath, home, actor: 'test' });
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('inference queue over a study of real files (test models allowed)', () => {
  it('installs both fixtures as test models: never diagnostic, the 164-label one with the Cardio-Learning labels', () => {
    expect(tiny.manifest.diagnostic).toBe(false);
    expect(tiny.manifest.labels).toHaveLength(5);
    expect(tiny164.manifest.diagnostic).toBe(false);
    expect(tiny164.manifest.labels).toHaveLength(164);
    expect(tiny164.manifest.mortalityLabelCode).toBe('SAMITROP-DEATH');
  });

  it('selects the 164-label model and stores one result per record with the provider and weights of the run', async () => {
    await engine.selectModel(tiny164.manifest.id);
    const pass = await engine.runUntilIdle();
    expect(pass?.modelId).toBe(tiny164.manifest.id);
    expect(PROVIDER_PREFERENCE).toContain(pass?.executionProvider);
    const rows = predictions(tiny164.manifest.id);
    expect(rows.map((r) => r.record_id)).toEqual([...recordIds, shortRecordId]);
    for (const row of rows) {
      expect(row.execution_provider).toBe(pass?.executionProvider);
      expect(row.weights_sha256).toBe(tiny164.manifest.weightsSha256);
    }
    const status = engine.status();
    expect(status).toMatchObject({ state: 'idle', queued: 0, done: 5, failed: 0, running: false, modelId: tiny164.manifest.id });
    expect(status.testModelWarning).toBe('TEST MODEL — random weights, not a diagnosis');
  });

  it('stores for each analysed record exactly what preprocess + the model give on the file itself', async () => {
    const model = await loadModel(tiny164.modelDir);
    const rows = predictions(tiny164.manifest.id);
    for (const [i, file] of files.slice(0, 3).entries()) {
      const row = rows.find((r) => r.record_id === recordIds[i]);
      if (!row?.max_probabilities || !row.mean_probabilities) throw new Error(`${file}: no stored probabilities`);
      const windows = preprocessForHubert(parseEcg(fileSource(file)).rhythm).windows;
      const input = new Float32Array(windows.length * 6000);
      windows.forEach((w, k) => input.set(w.input, k * 6000));
      const run = await runModel(model, input, windows.length);
      const direct = predictFromLogits(tiny164.manifest, run.logits, windows.length);
      const stored = decodeProbabilities(row.max_probabilities);
      const storedMean = decodeProbabilities(row.mean_probabilities);
      expect(row.status).toBe('analysed');
      expect(row.window_count).toBe(windows.length);
      expect(stored).toHaveLength(164);
      for (const label of direct.labels) {
        const index = tiny164.manifest.labels.findIndex((l) => l.code === label.code);
        expect(Math.abs(stored[index] - label.probability)).toBeLessThan(1e-6);
        expect(Math.abs(storedMean[index] - label.meanProbability)).toBeLessThan(1e-6);
      }
      expect(Math.abs((row.mortality_probability ?? -1) - (direct.mortality?.probability ?? -2))).toBeLessThan(1e-6);
    }
    // 10-s records give the 6 windows starting at 0…5 s.
    expect(rows.filter((r) => r.status === 'analysed').map((r) => r.window_count)).toEqual([6, 6, 6]);
  });

  it('stores a reason, not a result, for a 4-s record and for a 2-lead Holter record', () => {
    const rows = predictions(tiny164.manifest.id);
    const short = rows.find((r) => r.record_id === shortRecordId);
    expect(short).toMatchObject({ status: 'not-analysable', window_count: 0, max_probabilities: null, ai_risk: null });
    expect(short?.reason).toBe('the record lasts 4.00 s; HuBERT-ECG needs at least 5 s');
    const holter = rows.find((r) => r.record_id === recordIds[3]);
    expect(holter?.status).toBe('not-analysable');
    expect(holter?.reason).toMatch(/^lacks leads .*V1.*; HuBERT-ECG reads all 12 standard leads$/);
  });

  it("copies the selected model's triage score (top finding, not NORM/SR/mortality) to the worklist's ai_risk", () => {
    const rows = predictions(tiny164.manifest.id);
    const labels = tiny164.manifest.labels;
    for (const row of rows.filter((r) => r.status === 'analysed')) {
      const max = decodeProbabilities(row.max_probabilities ?? new Uint8Array());
      const expected = Math.max(...labels.flatMap((l, i) => (['NORM', 'SR', 'SAMITROP-DEATH'].includes(l.code) ? [] : [max[i]])));
      expect(row.ai_risk).toBeCloseTo(expected, 6);
      const record = engine.db.prepare('SELECT ai_risk FROM records WHERE id = ?').get(row.record_id) as { ai_risk: number };
      expect(record.ai_risk).toBe(row.ai_risk);
    }
  });

  it('queues every record again when another model is selected, and re-points ai_risk at that model', async () => {
    await engine.selectModel(tiny.manifest.id);
    expect(predictions(tiny.manifest.id).length).toBeLessThan(5);
    await engine.runUntilIdle();
    const rows = predictions(tiny.manifest.id);
    expect(rows).toHaveLength(5);
    const risks = engine.db.prepare('SELECT id, ai_risk FROM records ORDER BY id').all() as { id: number; ai_risk: number | null }[];
    expect(risks).toEqual(rows.map((r) => ({ id: r.record_id, ai_risk: r.ai_risk })));
    // Back to the first model: its stored results are reused, nothing is queued.
    await engine.selectModel(tiny164.manifest.id);
    await engine.runUntilIdle();
    expect(engine.status().done).toBe(0);
    const back = engine.db.prepare('SELECT ai_risk FROM records WHERE id = ?').get(recordIds[0]) as { ai_risk: number };
    expect(back.ai_risk).toBe(predictions(tiny164.manifest.id)[0].ai_risk);
  });

  it('audits every run and prediction batch in the hash chain', () => {
    const actions = (engine.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'ai.%' ORDER BY id").all() as { action: string }[]).map(
      (a) => a.action,
    );
    expect(actions.filter((a) => a === 'ai.run.start')).toHaveLength(2);
    expect(actions.filter((a) => a === 'ai.run.finish')).toHaveLength(2);
    expect(actions.filter((a) => a === 'ai.model.select')).toHaveLength(3);
    expect(actions).toContain('ai.predictions');
    expect(verifyAuditChain(engine.db)).toMatchObject({ ok: true });
  });

  it("returns a record's grouped diagnoses with the mortality output apart and its caveat", () => {
    const view = engine.recordPredictions(recordIds[0]);
    expect(view?.state).toBe('analysed');
    expect(view?.model?.id).toBe(tiny164.manifest.id);
    expect(view?.testModelWarning).toBe('TEST MODEL — random weights, not a diagnosis');
    const codes = view?.diagnoses?.groups.flatMap((g) => g.members.map((m) => m.code)) ?? [];
    expect(codes).toHaveLength(163);
    expect(codes).not.toContain('SAMITROP-DEATH');
    expect(view?.mortality?.code).toBe('SAMITROP-DEATH');
    expect(view?.mortality?.caveat).toMatch(/Chagas-cardiomyopathy cohort \(SaMi-Trop, Brazil\).*not a general-population/);
    expect(engine.recordPredictions(shortRecordId)).toMatchObject({ state: 'not-analysable', reason: 'the record lasts 4.00 s; HuBERT-ECG needs at least 5 s' });
    expect(engine.recordPredictions(99_999)).toBeUndefined();
  });
});

describe('cancel', () => {
  it('stops a pass before it stores anything; the next pass reads the records', async () => {
    const cancelHome = tempHome(true);
    await installTestModel(TINY_DIR, cancelHome);
    const study = await studyOf([ECG_FILES.muse, ECG_FILES.challenge500Hz]);
    const queue = new AiEngine({ databasePath: study.databasePath, home: cancelHome, actor: 'test' });
    try {
      queue.kick();
      expect((await queue.cancel()).running).toBe(false);
      expect(queue.db.prepare('SELECT count(*) AS n FROM predictions').get()).toEqual({ n: 0 });
      const pass = await queue.runUntilIdle();
      expect(pass?.cancelled).toBe(false);
      expect(pass?.analysed).toEqual(study.recordIds);
    } finally {
      await queue.close();
    }
  });
});

describe('without allowTestModels', () => {
  it('offers no test model, refuses to select one and runs nothing', async () => {
    const plainHome = tempHome(false);
    const installed = await installTestModel(TINY_DIR, plainHome);
    const study = await studyOf([ECG_FILES.muse]);
    const plain = new AiEngine({ databasePath: study.databasePath, home: plainHome, actor: 'test' });
    try {
      expect(plain.listModels().models).toEqual([]);
      await expect(plain.selectModel(installed.manifest.id)).rejects.toThrow(/test checkpoint with random weights, not a diagnostic model/);
      expect(await plain.runUntilIdle()).toBeNull();
      expect(plain.status()).toMatchObject({ state: 'no-model', selectedModel: null });
      expect(plain.recordPredictions(study.recordIds[0])).toMatchObject({ state: 'no-model', diagnoses: null });
      expect(plain.db.prepare('SELECT count(*) AS n FROM predictions').get()).toEqual({ n: 0 });
    } finally {
      await plain.close();
    }
  });
});
