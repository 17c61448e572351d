/**
 * One beat's fiducial moved by hand on the rhythm strip ('measurement.editBeatFiducial'), on a real
 * temporary study: saved as edited by the named reader in one audited transaction, refused with the
 * field named when it cannot be, kept where the reader put it by a later median-beat edit, reverted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { openStudyWorker } from '../../src/main/core/db/db-client.ts';
import { settingsFileStore } from '../../src/main/core/settings/settings-store.ts';
import { localStudyBackend } from '../../src/main/core/study/study-backend.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import { beatIntervals, type RecordMeasurements } from '../../src/shared/contract/measurements.ts';
import { sharedPath } from '../support/shared-data.ts';

const LUDB_1 = sharedPath('refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data/1.hea');
const LUDB_2 = sharedPath('refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data/2.hea');
const READER = 'Dr Grace Hopper';

const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-beat-edits-'));
const databasePath = join(folder, 'study.sqlite');
const settingsPath = join(folder, 'settings.json');
let study: StudyService;
let api: ApiDispatcher;
let recordId = 0;
let ectopicRecordId = 0;
/** A beat in the middle of LUDB 1 (7 beats), so it has a preceding RR. */
const BEAT = 3;

async function call<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const reply = await promise;
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

const measurements = (id: number): Promise<RecordMeasurements> => call(api.dispatch('record.measurements', { id }));
const qrsOffsetS = (m: RecordMeasurements, beat: number): number => m.beats[beat].fiducials.qrsOffset ?? Number.NaN;

async function importOne(path: string): Promise<number> {
  const { recordIds, failed } = await study.importPaths([path], { workerCount: 0 });
  expect(failed).toEqual([]);
  return recordIds[0];
}

beforeAll(async () => {
  study = new StudyService(databasePath, 'test');
  recordId = await importOne(LUDB_1);
  ectopicRecordId = await importOne(LUDB_2);
  api = createApiHandlers(localStudyBackend(study), settingsFileStore(settingsPath));
});
afterAll(() => {
  study.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('editing one beat\'s fiducial on the rhythm strip', () => {
  it('refuses without a reader name, and refuses bad arguments naming the field, changing nothing', async () => {
    const before = await measurements(recordId);
    const edit = (args: { beatIndex: number; fiducial?: string; timeS: number }) =>
      api.dispatch('measurement.editBeatFiducial', { recordId, fiducial: 'qrsOffset', ...args } as never);
    expect(await edit({ beatIndex: BEAT, timeS: qrsOffsetS(before, BEAT) + 0.02 })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/reader name/) },
    });
    await call(api.dispatch('settings.set', { readerName: READER }));
    expect(await edit({ beatIndex: -1, timeS: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/beatIndex/) } });
    expect(await edit({ beatIndex: 1.5, timeS: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/beatIndex/) } });
    expect(await edit({ beatIndex: BEAT, fiducial: 'rPeak', timeS: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await edit({ beatIndex: BEAT, timeS: -0.1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/timeS/) } });
    expect(await edit({ beatIndex: 7, timeS: 1 })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/beatIndex 7 is out of range: record \d+ has 7 beats \(0–6\)/) },
    });
    expect(await edit({ beatIndex: 6, fiducial: 'tOffset', timeS: 10.5 })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/timeS 10.5 s lies past the end of the record \(10.000 s\)/) },
    });
    expect(await edit({ beatIndex: BEAT, timeS: before.beats[BEAT + 1].rPeakS + 0.01 })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/timeS .* lies outside beat 4: it must stay between the R peaks/) },
    });
    expect(await edit({ beatIndex: BEAT, timeS: (before.beats[BEAT].fiducials.qrsOnset ?? 0) - 0.004 })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^beat 4: QRSoff .* must come after QRSon/) },
    });
    expect(await measurements(recordId)).toEqual(before);
  });

  it('refuses an ectopic beat', async () => {
    const m = await measurements(ectopicRecordId);
    // Mark one stored beat ectopic, as the engine does for a beat of another morphology.
    study.db
      .prepare("UPDATE measurement_sets SET result_json = json_set(result_json, '$.beats[2].type', 'ectopic') WHERE record_id = ?")
      .run(ectopicRecordId);
    const reply = await api.dispatch('measurement.editBeatFiducial', {
      recordId: ectopicRecordId,
      beatIndex: 2,
      fiducial: 'qrsOnset',
      timeS: m.beats[2].rPeakS - 0.05,
    });
    expect(reply).toMatchObject({ ok: false, error: { message: 'beatIndex 2: beat 3 is ectopic; only beats of the dominant morphology carry fiducials' } });
  });

  it('moves one beat\'s QRS offset by +20 ms: that beat\'s QRS +20 ms, edited by the reader, audited; the global values stay', async () => {
    const before = await measurements(recordId);
    const startS = qrsOffsetS(before, BEAT);
    // Our per-beat fiducials are refined between samples; the reader's lands on a sample (500 Hz).
    const targetS = Math.round((startS + 0.02) * 500) / 500;
    const after = await call(
      api.dispatch('measurement.editBeatFiducial', { recordId, beatIndex: BEAT, fiducial: 'qrsOffset', timeS: startS + 0.02, reason: 'slurred J point' })
    );
    expect(qrsOffsetS(after, BEAT)).toBe(targetS);
    expect(after.beats[BEAT].edits.qrsOffset).toMatchObject({ byHand: true, reader: READER, computedTimeS: startS });
    expect(after.beats[BEAT].edited).toBe(true);
    const qrsBeforeMs = beatIntervals(before.beats, BEAT).qrsMs ?? 0;
    expect(Math.abs((beatIntervals(after.beats, BEAT).qrsMs ?? 0) - (qrsBeforeMs + 20))).toBeLessThanOrEqual(1);
    expect(beatIntervals(after.beats, BEAT).qtMs).toBe(beatIntervals(before.beats, BEAT).qtMs);
    // The QTc of a beat is corrected with the RR that precedes it.
    const rrS = after.beats[BEAT].rPeakS - after.beats[BEAT - 1].rPeakS;
    expect(beatIntervals(after.beats, BEAT)['qtcMs.bazett']).toBe(Math.round((beatIntervals(after.beats, BEAT).qtMs ?? 0) / Math.sqrt(rrS)));
    expect(beatIntervals(after.beats, 0)['qtcMs.bazett']).toBeUndefined();
    // Only this beat moved; the global values are the median beat's and stay computed.
    expect(after.beats.filter((b) => b.edited)).toHaveLength(1);
    expect(after.values).toEqual(before.values);
    expect(after.fiducials).toEqual(before.fiducials);
    expect(after.edits.map((e) => [e.target, e.action, e.reader, e.reason])).toEqual([
      [`beat.${BEAT}.qrsOffset`, 'edit', READER, 'slurred J point'],
      [`beat.${BEAT}.qrsMs`, 'edit', READER, 'slurred J point'],
    ]);
    expect(after.edits[1]).toMatchObject({ oldValue: beatIntervals(before.beats, BEAT).qrsMs, newValue: beatIntervals(after.beats, BEAT).qrsMs });
    const audit = study.db.prepare("SELECT actor, details_json FROM audit_log WHERE action = 'measurement.edit'").all() as { actor: string; details_json: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(READER);
    expect(JSON.parse(audit[0].details_json)).toMatchObject({ reason: 'slurred J point', changes: [{ target: `beat.${BEAT}.qrsOffset` }, { target: `beat.${BEAT}.qrsMs` }] });
    expect(verifyAuditChain(study.db).ok).toBe(true);
    // The same place again changes nothing and records nothing.
    const again = await call(api.dispatch('measurement.editBeatFiducial', { recordId, beatIndex: BEAT, fiducial: 'qrsOffset', timeS: startS + 0.02 }));
    expect(again.edits).toHaveLength(2);
  });

  it('keeps the hand edit when the median beat is dragged later; the other beats follow', async () => {
    const before = await measurements(recordId);
    const handS = qrsOffsetS(before, BEAT);
    const medianS = before.fiducials.qrsOffset?.timeS ?? Number.NaN;
    const after = await call(api.dispatch('measurement.editFiducial', { recordId, fiducial: 'qrsOffset', timeS: medianS + 0.01 }));
    expect(qrsOffsetS(after, BEAT)).toBe(handS);
    expect(after.beats[BEAT].edits.qrsOffset?.byHand).toBe(true);
    expect(qrsOffsetS(after, BEAT + 1)).toBeCloseTo(qrsOffsetS(before, BEAT + 1) + 0.01, 9);
    expect(after.beats[BEAT + 1].edits.qrsOffset).toMatchObject({ byHand: false, reader: READER });
    expect(after.values.qrsMs?.provenance).toBe('edited');
  });

  it('refuses a median-beat drag that would push a followed fiducial past a hand-placed one, changing nothing', async () => {
    const before = await measurements(recordId);
    const onsetS = before.beats[BEAT].fiducials.qrsOnset ?? Number.NaN;
    await call(api.dispatch('measurement.editBeatFiducial', { recordId, beatIndex: BEAT, fiducial: 'qrsOffset', timeS: onsetS + 0.01 }));
    const placed = await measurements(recordId);
    const medianOnsetS = placed.fiducials.qrsOnset?.timeS ?? Number.NaN;
    const refused = await api.dispatch('measurement.editFiducial', { recordId, fiducial: 'qrsOnset', timeS: medianOnsetS + 0.02 });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^beat 4 has fiducials placed by hand: QRSoff .* must come after QRSon .*; revert that beat's edits first$/) },
    });
    expect(await measurements(recordId)).toEqual(placed);
  });

  it("reverts one beat's hand edits to the median beat's edit, then every edit to computed", async () => {
    const before = await measurements(recordId);
    const followedS = qrsOffsetS(before, BEAT + 1) - qrsOffsetS(before, BEAT + 1) + (before.beats[BEAT].edits.qrsOffset?.computedTimeS ?? Number.NaN) + 0.01;
    const beat = await call(api.dispatch('measurement.revert', { recordId, beatIndex: BEAT, fiducial: 'qrsOffset', reason: 'on second look' }));
    expect(qrsOffsetS(beat, BEAT)).toBeCloseTo(followedS, 9);
    expect(beat.beats[BEAT].edits.qrsOffset?.byHand).toBe(false);
    expect(beat.values).toEqual(before.values);
    expect(beat.edits.at(-1)).toMatchObject({ action: 'revert', target: `beat.${BEAT}.qrsOffset`, oldValue: qrsOffsetS(before, BEAT), reason: 'on second look' });
    expect(await call(api.dispatch('measurement.revert', { recordId, beatIndex: BEAT }))).toEqual(beat);

    await call(api.dispatch('measurement.editBeatFiducial', { recordId, beatIndex: 1, fiducial: 'tOffset', timeS: (beat.beats[1].fiducials.tOffset ?? 0) - 0.03 }));
    const all = await call(api.dispatch('measurement.revert', { recordId }));
    expect(all.beats.some((b) => b.edited)).toBe(false);
    expect(Object.values(all.fiducials).every((f) => f.provenance === 'computed')).toBe(true);
    expect(all.values.qrsMs?.provenance).toBe('computed');
    expect(study.db.prepare("SELECT count(*) AS n FROM measurement_fiducials WHERE provenance = 'edited'").get()).toEqual({ n: 0 });
    expect(all.edits.filter((e) => e.action === 'revert').map((e) => e.target)).toEqual(
      expect.arrayContaining([`beat.${BEAT}.qrsOffset`, 'fiducial.qrsOffset', 'beat.1.tOffset', 'qrsMs'])
    );
    expect(verifyAuditChain(study.db).ok).toBe(true);
  });

  it('edits a beat through the database worker too', async () => {
    const before = await measurements(recordId);
    study.close();
    const worker = await openStudyWorker(databasePath);
    try {
      const remote = createApiHandlers(worker, settingsFileStore(settingsPath));
      const reply = await remote.dispatch('measurement.editBeatFiducial', {
        recordId,
        beatIndex: BEAT,
        fiducial: 'pOnset',
        timeS: (before.beats[BEAT].fiducials.pOnset ?? 0) - 0.01,
      });
      expect(reply).toMatchObject({ ok: true, value: { beats: { [BEAT]: { edits: { pOnset: { byHand: true, reader: READER } } } } } });
    } finally {
      await worker.close();
      study = new StudyService(databasePath, 'test');
    }
  });
});
