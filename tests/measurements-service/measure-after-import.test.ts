import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/main/core/api/handlers.ts';
import { openStudyWorker } from '../../src/main/core/db/db-client.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { measureBatchStep } from '../../src/main/core/measurements/batch-measurements.ts';
import { withMeasurementsAfterImport } from '../../src/main/core/measurements/measure-after-import.ts';
import { settingsFileStore } from '../../src/main/core/settings/settings-store.ts';
import { localStudyBackend, type StudyBackend } from '../../src/main/core/study/study-backend.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import { sharedPath } from '../support/shared-data.ts';

const ludb = (n: number) => sharedPath(`refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data/${n}.hea`);
const CHALLENGE = sharedPath('ecg/wfdb/challenge2021/JS00001.hea');
const MUSE = sharedPath('ecg/muse_xml/muse_ecg1.xml');

const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-measure-after-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const settings = () => settingsFileStore(join(folder, 'settings.json'));

function measuredIds(db: Database.Database): number[] {
  return (db.prepare('SELECT record_id FROM measurement_sets ORDER BY record_id').all() as { record_id: number }[]).map((r) => r.record_id);
}

function batchRecordIds(db: Database.Database, batchId: number): number[] {
  return (db.prepare('SELECT id FROM records WHERE batch_id = ? ORDER BY id').all(batchId) as { id: number }[]).map((r) => r.id);
}

async function untilFinished(study: StudyBackend, batchId: number): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if ((await study.importProgress(batchId))?.finished) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import batch ${batchId} did not finish`);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('measuring an import batch in steps', () => {
  it('measures the batch one record per step with no time budget, skips a record it cannot read, and leaves other batches alone', async () => {
    const study = new StudyService(join(folder, 'steps.sqlite'), 'test');
    try {
      const earlier = await study.importPaths([ludb(3)], { workerCount: 0 });
      const batch = await study.importPaths([ludb(1), MUSE, CHALLENGE], { workerCount: 0 });
      const [first, second, third] = batchRecordIds(study.db, batch.batchId);
      expect(batch.recordIds.sort((a, b) => a - b)).toEqual([first, second, third]);
      // A rhythm blob that no longer decodes: measuring it throws, as opening it would.
      study.db.prepare("UPDATE waveforms SET data = x'00' WHERE record_id = ? AND kind = 'rhythm'").run(second);

      expect(measureBatchStep(study.db, batch.batchId, 0, 0)).toEqual({ measured: 1, failed: 0, lastRecordId: first });
      expect(measuredIds(study.db)).toEqual([first]);
      expect(measureBatchStep(study.db, batch.batchId, first, 0)).toEqual({ measured: 0, failed: 1, lastRecordId: second });
      expect(measureBatchStep(study.db, batch.batchId, second, 0)).toEqual({ measured: 1, failed: 0, lastRecordId: third });
      expect(measureBatchStep(study.db, batch.batchId, third, 0)).toEqual({ measured: 0, failed: 0, lastRecordId: null });
      // Starting over finds only the record that failed, and it fails again.
      expect(measureBatchStep(study.db, batch.batchId, 0, 0)).toEqual({ measured: 0, failed: 1, lastRecordId: second });
      expect(measuredIds(study.db)).toEqual([first, third]);
      expect(measuredIds(study.db)).not.toContain(earlier.recordIds[0]);
    } finally {
      study.close();
    }
  });

  it('measures every record of an app import in the background, so the first open reads the stored set', async () => {
    const study = new StudyService(join(folder, 'local.sqlite'), 'test');
    try {
      const earlier = await study.importPaths([ludb(3)], { workerCount: 0 });
      const backend = withMeasurementsAfterImport(localStudyBackend(study), 10);
      const batchId = await backend.startImport([ludb(1), ludb(2), MUSE, CHALLENGE]);
      await untilFinished(backend, batchId);
      const ids = batchRecordIds(study.db, batchId);
      expect(ids).toHaveLength(4);
      await until(() => measuredIds(study.db).length === 4, 'the batch to be measured');
      expect(measuredIds(study.db)).toEqual(ids);
      expect(measuredIds(study.db)).not.toContain(earlier.recordIds[0]);

      const ludb1 = study.db.prepare("SELECT id FROM records WHERE batch_id = ? AND source_file = '1.hea'").get(batchId) as { id: number };
      const stored = study.db.prepare('SELECT computed_at FROM measurement_sets WHERE record_id = ?').get(ludb1.id) as { computed_at: string };
      const reply = await createApiHandlers(backend, settings()).dispatch('record.measurements', { id: ludb1.id });
      if (!reply.ok) throw new Error(reply.error.message);
      const direct = measureRecord(parseEcg(fileSource(ludb(1))).rhythm, { ageYears: 51, sex: 'F' });
      expect(reply.value.computedAt).toBe(stored.computed_at);
      // LUDB 1: sinus bradycardia at 45 bpm, 7 beats in 10 s.
      expect(reply.value.values.heartRateBpm?.value).toBe(45);
      expect(reply.value.beats).toHaveLength(7);
      expect(reply.value.values.qrsMs?.value).toBe(direct.qrsMs);
      expect(reply.value.values.qtMs?.value).toBe(direct.qtMs);
      expect(measuredIds(study.db)).toHaveLength(4);
    } finally {
      study.close();
    }
  });

  it('does the same through the database worker, the path the app takes', async () => {
    const databasePath = join(folder, 'worker.sqlite');
    const worker = await openStudyWorker(databasePath);
    const reader = new Database(databasePath, { readonly: true });
    try {
      const backend = withMeasurementsAfterImport(worker, 10);
      const files = [ludb(1), ludb(2), ludb(4), ludb(5), MUSE, CHALLENGE];
      const batchId = await backend.startImport(files);
      await untilFinished(backend, batchId);
      await until(() => measuredIds(reader).length === files.length, 'the batch to be measured');
      const ids = batchRecordIds(reader, batchId);
      expect(measuredIds(reader)).toEqual(ids);

      const muse = reader.prepare("SELECT id FROM records WHERE batch_id = ? AND source_file = 'muse_ecg1.xml'").get(batchId) as { id: number };
      const stored = reader.prepare('SELECT computed_at FROM measurement_sets WHERE record_id = ?').get(muse.id) as { computed_at: string };
      const reply = await createApiHandlers(backend, settings()).dispatch('record.measurements', { id: muse.id });
      if (!reply.ok) throw new Error(reply.error.message);
      expect(reply.value.computedAt).toBe(stored.computed_at);
      // The values muse_ecg1.xml states, kept beside ours.
      expect(reply.value.device.find((d) => d.name === 'qrsMs' && d.lead === undefined)?.value).toBe(78);
      expect(reply.value.values.qrsMs?.provenance).toBe('computed');
    } finally {
      reader.close();
      await worker.close();
    }
  });
});
