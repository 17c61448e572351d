/**
 * AI in the reading room: with no model the viewer says so and how to add one; after importing a
 * test checkpoint through that screen (test models allowed), the queue reads the study and the viewer
 * shows the ranked diagnoses, the test-model warning and the mortality output with its caveat. Then,
 * sorted by AI risk while a second model reads the study, rows keep their places, show their new risk
 * and the list offers to re-sort. Runs last: it installs models into the host's user data folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { dirname, join } from 'node:path';
import { DEVELOPER_SETTINGS_FILE } from '../../src/main/core/ai/developer-settings.ts';
import type { ApiArgs, ApiName, ApiResult } from '../../src/shared/contract/api.ts';
import { tempDir, tiny164Checkpoint } from '../ai/helpers.ts';
import { sharedPath } from '../support/shared-data.ts';
import { apiFromPage, filterWorklist, openPatientRecord, studyCounts, worklistRowIds } from './app-driver.ts';
import { expect, expectEqual, test } from './harness.ts';

test('shows the no-model state, then, with a test model, ranked diagnoses and the mortality caveat', async (ctx) => {
  const page = await ctx.openApp();
  const recordId = await openPatientRecord(page, '12640'); // a PTB-XL demo record: 12 leads, 500 Hz, 10 s
  const riskBefore = await worklistRisk(page, '12640', recordId);
  expectEqual(riskBefore, null, 'AI risk before any model');

  const noModel = await page.waitForSelector('[data-testid="ai-no-model"]');
  const noModelText = (await noModel.textContent()) ?? '';
  expect(noModelText.includes('No AI model installed'), `no-model title: ${noModelText}`);
  expect(noModelText.includes('config.json and model.safetensors') && noModelText.includes('ecg-desk model add DIR'), 'how to add a model');
  await ctx.screenshot(page, 'ai-no-model');

  const list = await apiFromPage(page, 'models.list', {});
  if (!list.ok) throw new Error(list.error.message);
  writeFileSync(join(dirname(list.value.modelsDir), DEVELOPER_SETTINGS_FILE), JSON.stringify({ allowTestModels: true }));
  await page.fill('[data-testid="model-dir"]', tiny164Checkpoint());
  await page.click('[data-testid="model-import"]');

  await page.waitForSelector('[data-testid="diagnoses-panel"]', { timeout: 120_000 });
  expectEqual(await page.textContent('[data-testid="ai-test-model-banner"]'), 'TEST MODEL — random weights, not a diagnosis', 'test model banner');
  const groups = await page.$$('[data-testid="diagnosis-group"]');
  expect(groups.length >= 5, `at least the top 5 diagnosis groups shown, got ${groups.length}`);
  const caveat = (await page.textContent('[data-testid="mortality-caveat"]')) ?? '';
  expect(caveat.includes('Chagas-cardiomyopathy cohort (SaMi-Trop, Brazil)') && caveat.includes('not a general-population'), `mortality caveat: ${caveat}`);
  expect(((await page.textContent('[data-testid="uncalibrated-note"]')) ?? '').includes('not calibrated'), 'uncalibrated note');
  expect(((await page.textContent('[data-testid="model-licence"]')) ?? '').includes('CC BY-NC 4.0'), 'licence on the model card');
  await ctx.screenshot(page, 'ai-diagnoses');

  // Back on the worklist the page was never reloaded, yet the analysed record shows its risk, still selected.
  await page.keyboard.press('Escape');
  const row = `[data-testid="worklist"] .row[data-record-id="${recordId}"]`;
  await page.waitForFunction(
    (selector) => /^\d+%$/.test(document.querySelector(selector)?.textContent ?? ''),
    `${row} [data-column="aiRisk"]`,
    { timeout: 30_000 }
  );
  const risk = await worklistRisk(page, '12640', recordId);
  expect(risk !== null, 'the analysed record has an AI risk');
  expectEqual(await page.textContent(`${row} [data-column="aiRisk"]`), `${Math.round((risk ?? 0) * 100)}%`, 'AI risk cell');
  expectEqual(await page.getAttribute(row, 'aria-selected'), 'true', 'the analysed record stays selected');
  await ctx.screenshot(page, 'ai-worklist-risk');
});

/** Enough records that rows on screen can sort beyond the first page (100 rows) when their risk changes. */
const STUDY_RECORDS_FOR_RISK_SORT = 150;

test('sorted by AI risk, rows keep their places and show their new risk; re-sort re-queries, keeping the selection', async (ctx) => {
  const page = await ctx.openApp();
  await filterWorklist(page, 'filter-patient', '');
  await filterWorklist(page, 'filter-statement', '');
  const { recordCount } = await studyCounts(page);
  await importFolder(page, windowedCsvRecords(Math.max(0, STUDY_RECORDS_FOR_RISK_SORT - recordCount)));
  const second = await call(page, 'models.add', { dir: tiny164Checkpoint({ weight: 13, bias: 17 }) });

  // Selecting the second model clears every risk (it has read nothing yet); the pass is held while the list is sorted.
  await call(page, 'models.select', { modelId: second.id });
  await call(page, 'ai.cancel', {});
  const riskHeader = '.header .th:has-text("AI risk")';
  for (const direction of ['descending', 'ascending']) {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/worklist.page'));
    await page.click(riskHeader);
    await answered;
    await page.waitForSelector(`${riskHeader}[aria-sort="${direction}"]`);
  }
  await page.waitForSelector('[data-testid="worklist"] .row[data-record-id]');
  const shownIds = await worklistRowIds(page);
  expect((await shownRiskTexts(page)).includes('—'), 'rows on screen have no risk yet');
  await page.click('[data-testid="worklist"] .row[data-row-index="2"]');

  await call(page, 'models.select', { modelId: second.id });
  await untilAiIdle(page, second.id);
  const current = await call(page, 'worklist.aiRisks', { ids: shownIds });
  const expected = new Map(current.map((risk) => [risk.id, risk.aiRisk === null ? '—' : `${Math.round(risk.aiRisk * 100)}%`]));
  const resorted = await call(page, 'worklist.page', { offset: 0, limit: 500, sort: { column: 'aiRisk', direction: 'asc' }, filter: {} });
  const newIndex = new Map(resorted.rows.map((row, index) => [row.id, index]));
  // Re-reading the first page (100 rows) by offset would miss these rows: the bug this test guards against.
  const moved = shownIds.filter((id) => (newIndex.get(id) ?? 0) >= 100 && expected.get(id) !== '—');
  expect(moved.length > 0, 'some row on screen now sorts beyond the first page, with a risk');

  await page.waitForFunction(
    (pairs) =>
      pairs.every(([id, text]) => document.querySelector(`[data-testid="worklist"] .row[data-record-id="${id}"] [data-column="aiRisk"]`)?.textContent === text),
    [...expected],
    { timeout: 30_000 }
  );
  expectEqual((await worklistRowIds(page)).join(), shownIds.join(), 'rows keep their places');
  expectEqual(await selectedRecordId(page), shownIds[2], 'the selected row stays selected');
  await page.waitForSelector('[data-testid="resort-hint"]');
  await ctx.screenshot(page, 'ai-worklist-resort-hint');

  await page.click(`[data-testid="worklist"] .row[data-record-id="${moved[0]}"]`);
  await page.click('[data-testid="resort"]');
  await page.waitForSelector('[data-testid="resort-hint"]', { state: 'detached' });
  const selectedRow = `[data-testid="worklist"] .row[data-record-id="${moved[0]}"][aria-selected="true"]`;
  await page.waitForSelector(selectedRow);
  expectEqual(Number(await page.getAttribute(selectedRow, 'data-row-index')), newIndex.get(moved[0]), 'the selected record, re-sorted');
  const rows = await page.$$eval('[data-testid="worklist"] .row[data-record-id]', (elements) =>
    elements.map((row) => [Number(row.getAttribute('data-row-index')), Number(row.getAttribute('data-record-id'))] as const)
  );
  expect(rows.length > 0 && rows.every(([index, id]) => resorted.rows[index]?.id === id), 'rows on screen in the new risk order');
  await ctx.screenshot(page, 'ai-worklist-resorted');
});

/** Calls the contract from the page, throwing on an error reply. */
async function call<N extends ApiName>(page: Page, name: N, args: ApiArgs<N>): Promise<ApiResult<N>> {
  const reply = await apiFromPage(page, name, args);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value;
}

/** Imports through the contract (the import dialog has its own test) and waits for the batch to end. */
async function importFolder(page: Page, dir: string): Promise<void> {
  const { batchId } = await call(page, 'import.start', { paths: [dir] });
  for (let progress = await call(page, 'import.progress', { batchId }); !progress.summary; progress = await call(page, 'import.progress', { batchId })) {
    await page.waitForTimeout(200);
  }
}

async function untilAiIdle(page: Page, modelId: string): Promise<void> {
  for (let status = await call(page, 'ai.status', {}); status.modelId !== modelId || status.running || status.queued > 0; status = await call(page, 'ai.status', {})) {
    await page.waitForTimeout(250);
  }
}

async function shownRiskTexts(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="worklist"] .row[data-record-id] [data-column="aiRisk"]', (cells) => cells.map((cell) => cell.textContent ?? ''));
}

async function selectedRecordId(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="worklist"] .row[aria-selected="true"]', 'data-record-id'));
}

/** 5-s windows of a real 12-lead CSV (500 Hz), each starting a little later: distinct records, distinct risks. */
function windowedCsvRecords(count: number): string {
  const lines = readFileSync(sharedPath('ecg/csv/ECG_12L.csv'), 'utf8').split('\n');
  const header = lines.slice(0, 3);
  const samples = lines.slice(3).filter((line) => line.trim() !== '');
  const windowSamples = 2500;
  const dir = tempDir('risk-sort-records');
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * (samples.length - windowSamples)) / Math.max(1, count));
    writeFileSync(join(dir, `window-${start}.csv`), `${[...header, ...samples.slice(start, start + windowSamples)].join('\n')}\n`);
  }
  return dir;
}

/** The record's AI risk as the study holds it. */
async function worklistRisk(page: Page, patientId: string, recordId: number): Promise<number | null> {
  const reply = await apiFromPage(page, 'worklist.page', { offset: 0, limit: 10, sort: { column: 'acquiredAt', direction: 'desc' }, filter: { patient: patientId } });
  if (!reply.ok) throw new Error(reply.error.message);
  const row = reply.value.rows.find((r) => r.id === recordId);
  if (!row) throw new Error(`record ${recordId} is not in the worklist for patient ${patientId}`);
  return row.aiRisk;
}
