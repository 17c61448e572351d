import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { openDemoStudyApi, type DemoStudyApi } from '../support/demo-study-api.ts';

let databasePath: string;
let api: ApiDispatcher;
let demo: DemoStudyApi;

beforeAll(async () => {
  demo = await openDemoStudyApi('ecg-desk-api-');
  ({ databasePath, api } = demo);
});
afterAll(() => demo.close());

const page = (extra: object = {}) => ({ offset: 0, limit: 50, ...extra });

describe('API handlers over the database worker (demo study)', () => {
  it('reports the study and pages the worklist sorted and filtered', async () => {
    expect(await api.dispatch('study.info', {})).toEqual({ ok: true, value: { databasePath, recordCount: 10, unreadCount: 10 } });
    const byDate = await api.dispatch('worklist.page', page());
    if (!byDate.ok) throw new Error(byDate.error.message);
    expect(byDate.value.total).toBe(10);
    expect(byDate.value.rows[0].acquiredAt).toBe('2020-05-05T09:49:17');
    const clbbb = await api.dispatch('worklist.page', page({ filter: { statement: 'bundle branch' }, sort: { column: 'acquiredAt', direction: 'asc' } }));
    if (!clbbb.ok) throw new Error(clbbb.error.message);
    expect(clbbb.value.rows.map((r) => r.sourceFile)).toEqual(['JS00001.hea', '00256_hr.hea', '00346_hr.hea']); // no date sorts first
    const patient = await api.dispatch('worklist.page', page({ filter: { patient: '1264' } }));
    expect(patient.ok && patient.value.rows.map((r) => r.sourceFile)).toEqual(['00238_hr.hea', '00155_hr.hea']);
  });

  it('returns a record with its waveforms, and its priors', async () => {
    const list = await api.dispatch('worklist.page', page({ filter: { patient: '12640' } }));
    if (!list.ok) throw new Error(list.error.message);
    const [later, earlier] = list.value.rows;
    const view = await api.dispatch('record.get', { id: later.id });
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.record.rhythm.leads).toHaveLength(12);
    expect(view.value.record.rhythm.leads[0].samplesUv).toBeInstanceOf(Float32Array);
    expect(view.value.record.rhythm.leads[0].samplesUv.length).toBe(5000);
    expect(view.value.record.statements[0]).toMatchObject({ code: 'LAFB', source: 'label' });
    const priors = await api.dispatch('record.priors', { id: later.id });
    expect(priors.ok && priors.value.map((r) => r.id)).toEqual([earlier.id]);
  });

  it('sets the review status with an audit entry, and reports errors as data', async () => {
    expect(await api.dispatch('record.setStatus', { id: 3, status: 'confirmed' })).toEqual({ ok: true, value: { id: 3, status: 'confirmed' } });
    const info = await api.dispatch('study.info', {});
    expect(info.ok && info.value.unreadCount).toBe(9);
    expect(await api.dispatch('record.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await api.dispatch('record.setStatus', { id: 3, status: 'lost' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await api.dispatch('worklist.page', { offset: -1, limit: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('imports in the background with progress, and cancels', async () => {
    const started = await api.dispatch('import.start', { paths: [join(dirname(databasePath), 'nothing-here')] });
    if (!started.ok) throw new Error(started.error.message);
    let progress = await api.dispatch('import.progress', { batchId: started.value.batchId });
    for (let i = 0; i < 100 && progress.ok && !progress.value.summary; i++) {
      await new Promise((r) => setTimeout(r, 20));
      progress = await api.dispatch('import.progress', { batchId: started.value.batchId });
    }
    expect(progress.ok && progress.value.summary?.failed[0].error).toMatch(/no such file/);
    expect(await api.dispatch('import.cancel', { batchId: started.value.batchId })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await api.dispatch('import.progress', { batchId: 12345 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reads and writes workstation settings', async () => {
    const initial = await api.dispatch('settings.get', {});
    expect(initial.ok && initial.value.qtcFormula).toBe('bazett');
    expect(await api.dispatch('settings.set', { pxPerMm: 4.2 })).toMatchObject({ ok: true, value: { pxPerMm: 4.2, qtcFormula: 'bazett' } });
    expect(await api.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { pxPerMm: 4.2 } });
    expect(await api.dispatch('settings.set', { pxPerMm: 400 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('audit log', () => {
  it('verifies the chain and detects tampering', async () => {
    const db = new Database(databasePath);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 11 });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details_json = '{}' WHERE id = 4").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: 4, reason: 'content does not match its hash' });
    db.close();
  });
});
