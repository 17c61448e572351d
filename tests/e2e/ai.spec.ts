/**
 * AI in the reading room: with no model the viewer says so and how to add one; after importing a
 * test checkpoint through that screen (test models allowed), the queue reads the study and the viewer
 * shows the ranked diagnoses, the test-model warning and the mortality output with its caveat.
 * Runs last: it installs a model into the host's user data folder.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEVELOPER_SETTINGS_FILE } from '../../src/main/core/ai/developer-settings.ts';
import { tiny164Checkpoint } from '../ai/helpers.ts';
import { apiFromPage, openPatientRecord } from './app-driver.ts';
import { expect, expectEqual, test } from './harness.ts';

test('shows the no-model state, then, with a test model, ranked diagnoses and the mortality caveat', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '12640'); // a PTB-XL demo record: 12 leads, 500 Hz, 10 s

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
});
