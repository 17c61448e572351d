import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers, type ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { openStudyWorker } from '../../src/main/core/db/db-client.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { settingsFileStore } from '../../src/main/core/settings/settings-store.ts';
import { localStudyBackend } from '../../src/main/core/study/study-backend.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import type { RecordMeasurements } from '../../src/shared/contract/measurements.ts';
import { measureRecord } from '../../src/shared/measurements/measure-record.ts';
import { sharedPath } from '../support/shared-data.ts';

const LUDB_1 = sharedPath('refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data/1.hea');
const CHALLENGE = sharedPath('ecg/wfdb/challenge2021/JS00001.hea');
const MUSE = sharedPath('ecg/muse_xml/muse_ecg1.xml');

const folder = mkdtempSync(join(tmpdir(), 'ecg-desk-measurements-'));
const databasePath = join(folder, 'study.sqlite');
const settingsPath = join(folder, 'settings.json');
let study: StudyService;
let api: ApiDispatcher;
const ids: Record<'ludb' | 'challenge' | 'muse' | 'short', number> = { ludb: 0, challenge: 0, muse: 0, short: 0 };

/** LUDB record 1 cut to its first 0.8 s (fewer than two beats at 45 bpm), as a WFDB record of its own. */
function writeShortLudbRecord(): string {
  const sampleCount = 400;
  const leadCount = 12;
  const data = readFileSync(LUDB_1.replace('.hea', '.dat')).subarray(0, sampleCount * leadCount * 2);
  const checksums = new Array<number>(leadCount).fill(0);
  for (let i = 0; i < sampleCount * leadCount; i++) checksums[i % leadCount] = (checksums[i % leadCount] + data.readInt16LE(2 * i)) & 0xffff;
  const signalLines = readFileSync(LUDB_1, 'utf8')
    .split('\n')
    .slice(1, 1 + leadCount)
    .map((line, lead) => {
      const [, format, gain, bits, zero, initial, , blockSize, name] = line.split(' ');
      return ['short.dat', format, gain, bits, zero, initial, checksums[lead], blockSize, name].join(' ');
    });
  writeFileSync(join(folder, 'short.hea'), [`short ${leadCount} 500 ${sampleCount}`, ...signalLines, ''].join('\n'));
  writeFileSync(join(folder, 'short.dat'), data);
  return join(folder, 'short.hea');
}

async function importOne(path: string): Promise<number> {
  const { recordIds, failed } = await study.importPaths([path], { workerCount: 0 });
  expect(failed).toEqual([]);
  return recordIds[0];
}

async function call<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const reply = await promise;
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

const measurements = (id: number) => call(api.dispatch('record.measurements', { id }));

beforeAll(async () => {
  study = new StudyService(databasePath, 'test');
  ids.ludb = await importOne(LUDB_1);
  ids.challenge = await importOne(CHALLENGE);
  ids.muse = await importOne(MUSE);
  ids.short = await importOne(writeShortLudbRecord());
  api = createApiHandlers(localStudyBackend(study), settingsFileStore(settingsPath));
});
afterAll(() => {
  study.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('measurements of stored records', () => {
  it('measures a LUDB record on first open and stores every value as computed', async () => {
    expect(study.db.prepare('SELECT count(*) AS n FROM measurement_sets').get()).toEqual({ n: 0 });
    const m = await measurements(ids.ludb);
    const direct = measureRecord(parseEcg(fileSource(LUDB_1)).rhythm, { ageYears: 51, sex: 'F' });
    expect(m.engineVersion).toBe('ecg-desk-measure 1');
    expect(m.sampleRateHz).toBe(500);
    expect(m.values.qrsMs).toEqual({ value: direct.qrsMs, unit: 'ms', provenance: 'computed' });
    expect(m.values.prMs?.value).toBe(direct.prMs);
    expect(m.values.qtMs?.value).toBe(direct.qtMs);
    expect(m.values.heartRateBpm).toEqual({ value: direct.heartRateBpm, unit: 'bpm', provenance: 'computed' });
    expect(m.values['qtcMs.fridericia']?.value).toBe(direct.qtcMs.fridericia);
    expect(m.values['axesDeg.qrs']).toEqual({ value: direct.axesDeg.qrs, unit: 'deg', provenance: 'computed' });
    // LUDB 1 is sinus bradycardia at 45 bpm (its cardiologists' label); 7 beats in 10 s.
    expect(m.values.heartRateBpm?.value).toBe(45);
    expect(m.beats).toHaveLength(7);
    expect(m.statements.map((s) => s.text)).toContain('Sinus bradycardia');
    expect(m.statements.every((s) => s.rule.length > 0)).toBe(true);
    expect(m.medianBeat?.leads).toHaveLength(12);
    expect(m.medianBeat?.leads[1].samplesUv).toEqual(direct.medianBeat?.leads[1].samplesUv);
    expect(m.fiducials.qrsOffset).toEqual({ timeS: direct.medianBeat?.fiducials.qrsOffsetS, provenance: 'computed' });
    expect(m.device).toEqual([]);
    expect(m.edits).toEqual([]);
    const rows = study.db.prepare("SELECT count(*) AS n FROM measurement_values WHERE record_id = ? AND provenance = 'computed'").get(ids.ludb);
    expect(rows).toEqual({ n: 13 });
  });

  it('reads a second open from the study instead of measuring again', async () => {
    const first = await measurements(ids.ludb);
    const second = await measurements(ids.ludb);
    expect(second.computedAt).toBe(first.computedAt);
    expect(study.db.prepare('SELECT count(*) AS n FROM measurement_sets WHERE record_id = ?').get(ids.ludb)).toEqual({ n: 1 });
  });

  it('refuses an edit without a reader name, and bad arguments, as data', async () => {
    const noReader = await api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'qrsOffset', timeS: 0.46 });
    expect(noReader).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/reader name/) } });
    const blankReader = await api.dispatch('settings.set', { readerName: '  ' });
    expect(blankReader).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/readerName/) } });
    const badFiducial = await api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'rPeak', timeS: 0.4 } as never);
    expect(badFiducial).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const badTime = await api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'qrsOffset', timeS: Number.NaN });
    expect(badTime).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const missing = await api.dispatch('record.measurements', { id: 9999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'record 9999 not found' } });
  });

  it('moves QRS offset by +20 ms: QRS +20 ms, QT and QTc unchanged, marked edited by the reader', async () => {
    await call(api.dispatch('settings.set', { readerName: 'Dr Ada Byron' }));
    const before = await measurements(ids.ludb);
    const qrsOffsetS = before.fiducials.qrsOffset?.timeS ?? Number.NaN;
    const after = await call(
      api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'qrsOffset', timeS: qrsOffsetS + 0.02, reason: 'J point later in V2' })
    );
    expect(after.values.qrsMs).toMatchObject({
      value: (before.values.qrsMs?.value ?? 0) + 20,
      provenance: 'edited',
      reader: 'Dr Ada Byron',
      computedValue: before.values.qrsMs?.value,
    });
    expect(after.values.qtMs).toEqual(before.values.qtMs);
    expect(after.values['qtcMs.bazett']).toEqual(before.values['qtcMs.bazett']);
    expect(after.values.prMs).toEqual(before.values.prMs);
    expect(after.fiducials.qrsOffset).toMatchObject({ provenance: 'edited', reader: 'Dr Ada Byron', computedTimeS: qrsOffsetS });
    expect(after.fiducials.qrsOffset?.timeS).toBeCloseTo(qrsOffsetS + 0.02, 9);
    // Every beat of the dominant morphology follows the median beat.
    const firstBeat = before.beats.findIndex((b) => b.fiducials.qrsOffset !== undefined);
    expect(after.beats[firstBeat].edited).toBe(true);
    expect(after.beats[firstBeat].fiducials.qrsOffset).toBeCloseTo((before.beats[firstBeat].fiducials.qrsOffset ?? 0) + 0.02, 9);
    expect(after.edits.map((e) => [e.target, e.reader, e.action])).toEqual([
      ['fiducial.qrsOffset', 'Dr Ada Byron', 'edit'],
      ['qrsMs', 'Dr Ada Byron', 'edit'],
    ]);
    expect(after.edits[1]).toMatchObject({ oldValue: before.values.qrsMs?.value, newValue: (before.values.qrsMs?.value ?? 0) + 20, reason: 'J point later in V2' });
    const audit = study.db.prepare("SELECT actor, details_json FROM audit_log WHERE action = 'measurement.edit'").all() as {
      actor: string;
      details_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('Dr Ada Byron');
    expect(JSON.parse(audit[0].details_json)).toMatchObject({ reason: 'J point later in V2', changes: [{ target: 'fiducial.qrsOffset' }, { target: 'qrsMs' }] });
    expect(verifyAuditChain(study.db).ok).toBe(true);
  });

  it('recomputes PR, QRS, QT and all four QTc when QRS onset moves', async () => {
    const before = await measurements(ids.ludb);
    const onsetS = before.fiducials.qrsOnset?.timeS ?? Number.NaN;
    const after = await call(api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'qrsOnset', timeS: onsetS - 0.01 }));
    expect(after.values.prMs?.value).toBe((before.values.prMs?.value ?? 0) - 10);
    expect(after.values.qrsMs?.value).toBe((before.values.qrsMs?.value ?? 0) + 10);
    const qtMs = (before.values.qtMs?.value ?? 0) + 10;
    expect(after.values.qtMs?.value).toBe(qtMs);
    const rrS = (after.rrMeanMs ?? 0) / 1000;
    expect(after.values['qtcMs.bazett']?.value).toBe(Math.round(qtMs / Math.sqrt(rrS)));
    expect(after.values['qtcMs.fridericia']?.value).toBe(Math.round(qtMs / Math.cbrt(rrS)));
    expect(after.values['qtcMs.framingham']?.value).toBe(Math.round(qtMs + 154 * (1 - rrS)));
    expect(after.values['qtcMs.hodges']?.value).toBe(Math.round(qtMs + 1.75 * (60 / rrS - 60)));
    expect(after.values['qtcMs.hodges']?.provenance).toBe('edited');
    expect(after.values.heartRateBpm?.provenance).toBe('computed');
  });

  it('refuses a fiducial dragged past its neighbour or off the median beat, changing nothing', async () => {
    const before = await measurements(ids.ludb);
    const crossed = await api.dispatch('measurement.editFiducial', {
      recordId: ids.ludb,
      fiducial: 'qrsOffset',
      timeS: (before.fiducials.qrsOnset?.timeS ?? 0) - 0.002,
    });
    expect(crossed).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/QRSoff .* must come after QRSon/) } });
    const pastEnd = await api.dispatch('measurement.editFiducial', { recordId: ids.ludb, fiducial: 'tOffset', timeS: 5 });
    expect(pastEnd).toMatchObject({ ok: false, error: { message: expect.stringMatching(/past the end of the median beat/) } });
    expect(await measurements(ids.ludb)).toEqual(before);
  });

  it('reverts one fiducial, then all, back to the computed values', async () => {
    const computed = measureRecord(parseEcg(fileSource(LUDB_1)).rhythm, { ageYears: 51, sex: 'F' });
    const one = await call(api.dispatch('measurement.revert', { recordId: ids.ludb, fiducial: 'qrsOnset' }));
    expect(one.fiducials.qrsOnset).toEqual({ timeS: computed.medianBeat?.fiducials.qrsOnsetS, provenance: 'computed' });
    expect(one.values.prMs).toEqual({ value: computed.prMs, unit: 'ms', provenance: 'computed' });
    expect(one.values.qrsMs).toMatchObject({ value: (computed.qrsMs ?? 0) + 20, provenance: 'edited' });
    const all = await call(api.dispatch('measurement.revert', { recordId: ids.ludb, reason: 'second look' }));
    expect(all.values.qrsMs).toEqual({ value: computed.qrsMs, unit: 'ms', provenance: 'computed' });
    expect(all.values['qtcMs.bazett']).toEqual({ value: computed.qtcMs.bazett, unit: 'ms', provenance: 'computed' });
    expect(Object.values(all.fiducials).every((f) => f.provenance === 'computed')).toBe(true);
    expect(all.beats.some((b) => b.edited)).toBe(false);
    expect(all.edits.at(-1)).toMatchObject({ action: 'revert', target: 'qrsMs', reader: 'Dr Ada Byron', reason: 'second look' });
    expect(study.db.prepare("SELECT count(*) AS n FROM measurement_values WHERE provenance = 'edited'").get()).toEqual({ n: 0 });
    expect(study.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'measurement.revert'").get()).toEqual({ n: 2 });
    expect(verifyAuditChain(study.db).ok).toBe(true);
  });

  it('keeps the device measurements apart and unchanged by edits (GE MUSE)', async () => {
    const m = await measurements(ids.muse);
    // The values muse_ecg1.xml states in <RestingECGMeasurements>.
    const device = (name: string) => m.device.find((d) => d.name === name && d.lead === undefined);
    expect(device('prMs')).toMatchObject({ value: 158, unit: 'ms', provenance: 'device', sourceLabel: 'PRInterval' });
    expect(device('qrsMs')).toMatchObject({ value: 78, provenance: 'device', sourceLabel: 'QRSDuration' });
    expect(device('qtMs')).toMatchObject({ value: 364, provenance: 'device' });
    expect(m.values.qrsMs?.provenance).toBe('computed');
    const edited = await call(
      api.dispatch('measurement.editFiducial', { recordId: ids.muse, fiducial: 'qrsOffset', timeS: (m.fiducials.qrsOffset?.timeS ?? 0) + 0.02 })
    );
    expect(edited.device).toEqual(m.device);
    expect(study.db.prepare("SELECT value FROM source_measurements WHERE record_id = ? AND name = 'qrsMs' AND lead IS NULL").get(ids.muse)).toEqual({
      value: 78,
    });
    // The view links the device's rows in beside ours, each with its provenance.
    const linked = study.db
      .prepare("SELECT value, provenance, reader FROM record_measurement_values WHERE record_id = ? AND name = 'qrsMs' AND lead IS NULL ORDER BY provenance")
      .all(ids.muse);
    expect(linked).toEqual([
      { value: 78, provenance: 'device', reader: null },
      { value: (m.values.qrsMs?.value ?? 0) + 20, provenance: 'edited', reader: 'Dr Ada Byron' },
    ]);
  });

  it('measures a PhysioNet Challenge record with no P wave: PR absent with its reason, QTc by four formulas', async () => {
    const m: RecordMeasurements = await measurements(ids.challenge);
    expect(m.values.prMs).toBeUndefined();
    expect(m.absent.prMs).toMatch(/no P wave/);
    expect(m.fiducials.pOnset).toBeUndefined();
    expect(Object.keys(m.values).filter((k) => k.startsWith('qtcMs.')).sort()).toEqual([
      'qtcMs.bazett',
      'qtcMs.framingham',
      'qtcMs.fridericia',
      'qtcMs.hodges',
    ]);
    // JS00001 is labelled atrial fibrillation and RBBB: irregular, fast, wide QRS.
    expect(m.rr.regularity).toBe('irregular');
    expect(m.values.heartRateBpm?.value).toBeGreaterThan(100);
    expect(m.values.qrsMs?.value).toBeGreaterThanOrEqual(120);
    expect(m.statements.map((s) => s.text)).toContain('Irregular rhythm, suggestive of atrial fibrillation');
  });

  it('gives reasons, not numbers, for a record too short to hold two beats, and refuses edits on it', async () => {
    const m = await measurements(ids.short);
    expect(m.values).toEqual({});
    expect(m.medianBeat).toBeUndefined();
    expect(m.fiducials).toEqual({});
    expect(m.absent.heartRateBpm).toMatch(/beat detected; at least two are needed/);
    expect(m.absent.qrsMs).toBe(m.absent.heartRateBpm);
    expect(m.absent['qtcMs.bazett']).toBe(m.absent.heartRateBpm);
    const edit = await api.dispatch('measurement.editFiducial', { recordId: ids.short, fiducial: 'qrsOnset', timeS: 0.3 });
    expect(edit).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no median beat/) } });
  });

  it('serves the same measurements from the database worker', async () => {
    const inProcess = await measurements(ids.muse);
    study.close();
    const worker = await openStudyWorker(databasePath);
    try {
      const remote = createApiHandlers(worker, settingsFileStore(settingsPath));
      const reply = await remote.dispatch('record.measurements', { id: ids.muse });
      expect(reply).toEqual({ ok: true, value: inProcess });
    } finally {
      await worker.close();
      study = new StudyService(databasePath, 'test');
    }
  });
});
