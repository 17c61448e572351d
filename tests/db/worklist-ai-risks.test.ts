/**
 * 'worklist.aiRisks': the current AI risk of records by id, over the database worker on a real demo
 * study, as the worklist uses it while the AI queue runs (rows keep their places under a risk sort).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDispatcher } from '../../src/main/core/api/handlers.ts';
import { MAX_AI_RISK_IDS } from '../../src/shared/contract/worklist.ts';
import { openDemoStudyApi, type DemoStudyApi } from '../support/demo-study-api.ts';

let databasePath: string;
let recordIds: number[];
let api: ApiDispatcher;
let demo: DemoStudyApi;

/** Writes a record's risk as the AI queue does for the selected model, through a second connection. */
function storeRisk(id: number, aiRisk: number | null): void {
  const db = new Database(databasePath);
  try {
    db.prepare('UPDATE records SET ai_risk = ? WHERE id = ?').run(aiRisk, id);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  demo = await openDemoStudyApi('ecg-desk-ai-risks-');
  ({ databasePath, api, recordIds } = demo);
});
afterAll(() => demo.close());

describe('worklist.aiRisks', () => {
  it('answers by id, in the order asked, once each, leaving out records that do not exist', async () => {
    const [a, b, c] = recordIds;
    storeRisk(a, 0.25);
    storeRisk(b, 0.75);
    const reply = await api.dispatch('worklist.aiRisks', { ids: [c, b, 99_999, a, b] });
    expect(reply).toEqual({
      ok: true,
      value: [
        { id: c, aiRisk: null },
        { id: b, aiRisk: 0.75 },
        { id: a, aiRisk: 0.25 },
      ],
    });
  });

  it('gives the current risk of a row that moved off the page it was read on under a risk sort', async () => {
    const ids = recordIds.slice(0, 4);
    ids.forEach((id, i) => storeRisk(id, 0.9 - i * 0.1));
    const riskSort = { offset: 0, limit: 2, sort: { column: 'aiRisk', direction: 'desc' }, filter: {} } as const;
    const before = await api.dispatch('worklist.page', riskSort);
    if (!before.ok) throw new Error(before.error.message);
    const shown = before.value.rows.map((row) => row.id);
    expect(shown).toEqual(ids.slice(0, 2));

    storeRisk(ids[0], 0.05);
    const after = await api.dispatch('worklist.page', riskSort);
    expect(after.ok && after.value.rows.map((row) => row.id)).not.toContain(ids[0]);
    expect(await api.dispatch('worklist.aiRisks', { ids: shown })).toEqual({
      ok: true,
      value: [
        { id: ids[0], aiRisk: 0.05 },
        { id: ids[1], aiRisk: 0.8 },
      ],
    });
  });

  it('refuses an empty, oversized or malformed list as an invalid argument', async () => {
    const tooMany = Array.from({ length: MAX_AI_RISK_IDS + 1 }, (_, i) => i + 1);
    for (const ids of [[], tooMany, [0], [1.5]]) {
      expect(await api.dispatch('worklist.aiRisks', { ids })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(await api.dispatch('worklist.aiRisks', {})).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await api.dispatch('worklist.aiRisks', { ids: Array.from({ length: MAX_AI_RISK_IDS }, (_, i) => i + 1) })).toMatchObject({ ok: true });
  });
});
