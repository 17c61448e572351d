/**
 * AI in the reading room: with no model the viewer says so and how to add one; after importing a
 * test checkpoint through that screen (test models allowed), the queue reads the study and the viewer
 * shows the ranked diagnoses, the test-model warning and the mortality output with its caveat.
 * Runs last: it installs a model into the host's user data folder.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { dirname, join } from 'node:path';
import { DEVELOPER_SETTINGS_FILE } from '../../src/main/core/ai/developer-settings.ts';
import { tiny164Checkpoint } from '../ai/helpers.ts';
import { apiFromPage, openPatientRecord } from './app-driver.ts';
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

/** The record's AI risk as the study holds it. */
async function worklistRisk(page: Page, patientId: string, recordId: number): Promise<number | null> {
  const reply = await apiFromPage(page, 'worklist.page', { offset: 0, limit: 10, sort: { column: 'acquiredAt', direction: 'desc' }, filter: { patient: patientId } });
  if (!reply.ok) throw new Error(reply.error.message);
  const row = reply.value.rows.find((r) => r.id === recordId);
  if (!row) throw new Error(`record ${recordId} is not in the worklist for patient ${patientId}`);
  return row.aiRisk;
}
