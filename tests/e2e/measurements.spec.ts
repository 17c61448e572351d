/**
 * Our measurements in the reading room: values with provenance beside the tracing, the device's
 * apart, fiducial markers on the median beat and the rhythm strip, and a dragged QRS offset that
 * changes the QRS shown live and is saved as edited by the named reader, then reverted; and one beat's
 * QRS offset dragged on the rhythm strip, which changes that beat's own QRS and is saved as edited.
 */
import type { Page } from 'playwright-core';
import { expect, expectEqual, test } from './harness.ts';
import { openPatientRecord } from './app-driver.ts';

const READER = 'E2E Reader';

async function shownValue(page: Page, name: string): Promise<{ value: number; provenance: string; badge: string }> {
  const row = page.locator(`[data-testid="value-${name}"]`);
  return {
    value: Number(await row.getAttribute('data-value')),
    provenance: (await row.getAttribute('data-provenance')) ?? '',
    badge: ((await row.locator('.badge').textContent()) ?? '').trim(),
  };
}

test('shows our measurements with provenance; dragging QRS offset changes the QRS shown and saves it as edited', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '12640'); // a PTB-XL demo record: 12 leads, 500 Hz, 10 s
  await page.waitForSelector('[data-testid="value-qrsMs"][data-provenance="computed"]');

  const qrs = await shownValue(page, 'qrsMs');
  expectEqual(qrs.badge, 'computed', 'QRS provenance badge');
  expect(qrs.value >= 60 && qrs.value <= 200, `QRS ${qrs.value} ms is a plausible duration`);
  const heartRate = await shownValue(page, 'heartRateBpm');
  expect(heartRate.value > 30 && heartRate.value < 200, `heart rate ${heartRate.value} bpm`);
  const qtcLabels = await page.$$eval('[data-testid^="value-qtcMs."] th', (cells) => cells.map((c) => c.textContent ?? ''));
  expectEqual(qtcLabels.length, 4, 'QTc rows, one per formula');
  expect(qtcLabels.every((label) => /QTc \((Bazett|Fridericia|Framingham|Hodges)\)/.test(label)), `every QTc names its formula: ${qtcLabels.join(', ')}`);
  expectEqual(qtcLabels[0], 'QTc (Bazett)', "the site's formula first");
  expect((await page.locator('[data-testid="measurement-statements"] li').count()) > 0, 'our statements are listed');
  const rules = await page.$$eval('[data-testid="measurement-statements"] .rule', (spans) => spans.map((span) => span.textContent ?? ''));
  expect(rules.every((rule) => rule.trim().length > 0), 'each statement shows the rule that fired');
  const rhythmMarks = await page.locator('[data-testid="ecg-paper"] .fiducial-mark[data-label="QRSoff"]').count();
  expect(rhythmMarks >= 5, `QRS offset marked at every beat on the rhythm strip (${rhythmMarks})`);

  await page.fill('[data-testid="reader-name"]', READER);
  await page.click('.reader button[type="submit"]');
  await page.waitForSelector('[data-testid="fiducial-qrsOffset"].editable');

  const marker = page.locator('[data-testid="fiducial-qrsOffset"]');
  await marker.scrollIntoViewIfNeeded();
  const svgBox = await page.locator('[data-testid="median-beat-view"] svg').boundingBox();
  const lineBox = await marker.locator('line').boundingBox();
  if (!svgBox || !lineBox) throw new Error('median beat view not laid out');
  const startTimeS = Number(await marker.getAttribute('data-time-s'));
  const x = lineBox.x + lineBox.width / 2;
  const y = svgBox.y + svgBox.height / 2;
  const pxPerS = svgBox.width / Number(await page.locator('[data-testid="median-beat-view"] svg').getAttribute('data-duration-s'));
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 0.01 * pxPerS, y, { steps: 3 });
  await page.mouse.move(x + 0.02 * pxPerS, y, { steps: 3 });
  const live = await shownValue(page, 'qrsMs');
  expectEqual(live.provenance, 'editing', 'QRS while dragging');
  expect(live.value > qrs.value, `QRS follows the drag live (${qrs.value} → ${live.value} ms)`);
  expectEqual((await shownValue(page, 'qtMs')).provenance, 'computed', 'QT while dragging QRS offset (it does not depend on it)');
  await ctx.screenshot(page, 'measurements-dragging');
  await page.mouse.up();
  await page.waitForSelector('[data-testid="value-qrsMs"][data-provenance="edited"]');

  const movedS = Number(await marker.getAttribute('data-time-s')) - startTimeS;
  const edited = await shownValue(page, 'qrsMs');
  expectEqual(edited.value, qrs.value + Math.round(movedS * 1000), 'QRS after the drag = before + the marker move');
  expect(Math.abs(movedS - 0.02) <= 0.006, `marker moved about 20 ms (${(movedS * 1000).toFixed(0)} ms)`);
  expectEqual(edited.badge, `edited by ${READER}`, 'edited provenance names the reader');
  expectEqual((await shownValue(page, 'heartRateBpm')).badge, 'computed', 'heart rate stays computed');
  await ctx.screenshot(page, 'measurements-edited');

  await page.click('[data-testid="revert-measurements"]');
  await page.waitForSelector('[data-testid="value-qrsMs"][data-provenance="computed"]');
  expectEqual((await shownValue(page, 'qrsMs')).value, qrs.value, 'QRS after revert');
});

test("dragging one beat's QRS offset on the rhythm strip changes that beat's QRS and saves it as edited", async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '12640');
  await page.waitForSelector('[data-testid="value-qrsMs"][data-provenance="computed"]');
  const globalQrs = await shownValue(page, 'qrsMs');
  if (await page.locator('[data-testid="reader-name"]').count()) {
    await page.fill('[data-testid="reader-name"]', READER);
    await page.click('.reader button[type="submit"]');
  }
  await page.waitForSelector('[data-testid="ecg-paper"] .fiducial-mark.editable');

  const marks = page.locator('[data-testid="ecg-paper"] .fiducial-mark[data-fiducial="qrsOffset"]');
  expect((await marks.count()) >= 4, 'QRS offset marked at every beat on the rhythm strip');
  const mark = marks.nth(2);
  const beatIndex = Number(await mark.getAttribute('data-beat-index'));
  await mark.scrollIntoViewIfNeeded();
  // Pixels per second of the strip, from two beats' marks.
  const [a, b] = [marks.nth(1), marks.nth(3)];
  const [boxA, boxB, box] = [await a.locator('line').boundingBox(), await b.locator('line').boundingBox(), await mark.locator('line').boundingBox()];
  if (!boxA || !boxB || !box) throw new Error('rhythm strip marks not laid out');
  const pxPerS = (boxB.x - boxA.x) / (Number(await b.getAttribute('data-time-s')) - Number(await a.getAttribute('data-time-s')));
  const startTimeS = Number(await mark.getAttribute('data-time-s'));
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;

  await page.mouse.move(x, y);
  const beatLine = page.locator('[data-testid="beat-intervals"]');
  await page.waitForSelector(`[data-testid="beat-intervals"][data-beat-index="${beatIndex}"]`);
  expectEqual(await beatLine.getAttribute('data-provenance'), 'computed', "the beat's intervals before the drag");
  const beatQrsMs = Number(await beatLine.getAttribute('data-qrs-ms'));
  expect(beatQrsMs >= 60 && beatQrsMs <= 200, `beat ${beatIndex + 1}'s own QRS ${beatQrsMs} ms is plausible`);

  await page.mouse.down();
  await page.mouse.move(x + 0.01 * pxPerS, y, { steps: 3 });
  await page.mouse.move(x + 0.02 * pxPerS, y, { steps: 3 });
  expectEqual(await beatLine.getAttribute('data-provenance'), 'editing', "the beat's QRS while dragging");
  expect(Number(await beatLine.getAttribute('data-qrs-ms')) > beatQrsMs, "the beat's QRS follows the drag live");
  await ctx.screenshot(page, 'measurements-beat-dragging');
  await page.mouse.up();
  await page.waitForSelector('[data-testid="beat-intervals"][data-provenance="edited"]');

  const moved = page.locator(`[data-testid="ecg-paper"] .fiducial-mark[data-fiducial="qrsOffset"][data-beat-index="${beatIndex}"]`);
  const movedS = Number(await moved.getAttribute('data-time-s')) - startTimeS;
  expect(Math.abs(movedS - 0.02) <= 0.006, `the mark moved about 20 ms (${(movedS * 1000).toFixed(0)} ms)`);
  const editedQrsMs = Number(await beatLine.getAttribute('data-qrs-ms'));
  expect(Math.abs(editedQrsMs - (beatQrsMs + movedS * 1000)) <= 1, `beat QRS after the drag ${editedQrsMs} = before ${beatQrsMs} + the mark's move`);
  expect(((await beatLine.textContent()) ?? '').includes(`edited by ${READER}`), 'the beat line names the reader');
  expect(((await moved.getAttribute('class')) ?? '').includes('hand'), 'the mark shows as edited by hand');
  const otherBeat = page.locator(`[data-testid="ecg-paper"] .fiducial-mark[data-fiducial="qrsOffset"][data-beat-index="${beatIndex + 1}"]`);
  expect(!((await otherBeat.getAttribute('class')) ?? '').includes('hand'), 'the next beat is not edited');
  const globalAfter = await shownValue(page, 'qrsMs');
  expectEqual(globalAfter.value, globalQrs.value, "the global QRS stays the median beat's");
  expectEqual(globalAfter.provenance, 'computed', 'the global QRS provenance');
  await ctx.screenshot(page, 'measurements-beat-edited');

  // Saved: a fresh read of the record shows the beat as edited by the reader.
  await page.reload();
  await openPatientRecord(page, '12640');
  await page.locator(`[data-testid="ecg-paper"] .fiducial-mark.hand[data-beat-index="${beatIndex}"]`).hover();
  await page.waitForSelector(`[data-testid="beat-intervals"][data-beat-index="${beatIndex}"][data-provenance="edited"]`);
  expectEqual(Number(await beatLine.getAttribute('data-qrs-ms')), editedQrsMs, "the beat's QRS after a reload");

  await page.click('[data-testid="revert-beat"]');
  await page.waitForSelector(`[data-testid="beat-intervals"][data-beat-index="${beatIndex}"][data-provenance="computed"]`);
  expectEqual(Number(await beatLine.getAttribute('data-qrs-ms')), beatQrsMs, "the beat's QRS after revert");
});
