/**
 * The reading room in Chromium, on real files: import, keyboard navigation, true-scale tracing in
 * every layout, enlarged lead, calipers, display filter, median beats, prior comparison, remembered
 * worklist settings. Runs in order: the first test imports what the others read.
 */
import { join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, expectClose, expectEqual, test } from './harness.ts';
import {
  openPatientRecord,
  apiFromPage,
  caliperReadings,
  cell,
  dragAcrossCell,
  filterWorklist,
  highestInk,
  inkPixels,
  paperCells,
  setSettings,
  studyCounts,
  traceChecksum,
  viewerRecordId,
  waitForDrawn,
  worklistRowIds,
} from './app-driver.ts';

/** A round number of px per mm, so expected sizes are exact. */
const PX_PER_MM = 4;

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    return n + (statSync(path).isDirectory() ? countFiles(path) : 1);
  }, 0);
}

async function importSummary(page: Page): Promise<{ imported: number; duplicates: number; refused: number }> {
  const text = (await page.textContent('[data-testid="import-summary"]')) ?? '';
  const match = /(\d+) imported, (\d+) duplicates, (\d+) refused/.exec(text);
  if (!match) throw new Error(`unexpected import summary: ${text}`);
  return { imported: Number(match[1]), duplicates: Number(match[2]), refused: Number(match[3]) };
}


test('imports real ECG files through the import dialog with progress; a second import is a no-op', async (ctx) => {
  const page = await ctx.openApp();
  const ecgDir = join(ctx.sharedDir, 'ecg');
  const before = await studyCounts(page);
  await page.click('[data-testid="open-import"]');
  await page.fill('[data-testid="import-paths"]', ecgDir);
  await page.click('[data-testid="import-start"]');
  await page.waitForSelector('[data-testid="import-progress"] progress');
  await page.waitForSelector('[data-testid="import-summary"]', { timeout: 120_000 });
  await ctx.screenshot(page, '01-import-summary');
  const first = await importSummary(page);
  const fileCount = countFiles(ecgDir);
  const progressText = (await page.textContent('[data-testid="import-progress"]')) ?? '';
  expect(progressText.includes(`${fileCount} / ${fileCount} files`), `progress should end at ${fileCount}/${fileCount}: ${progressText}`);
  // Companion files (.dat, .mat, .atr …) are read with their header, not counted as files of their own.
  expect(first.imported >= 10, `at least the WFDB, DICOM, SCP and EDF recordings import (got ${first.imported})`);
  expect(first.refused >= 2, 'REPORT.md and SOURCES.md are refused as not ECGs');
  const failures = await page.$$eval('.failures li', (items) => items.map((i) => i.textContent ?? ''));
  expect(failures.some((f) => f.includes('REPORT.md') && f.includes('not a recognised ECG file format')), 'REPORT.md is listed with its reason');
  const after = await studyCounts(page);
  expectEqual(after.recordCount - before.recordCount, first.imported, 'records added to the study');
  const countsText = await page.textContent('[data-testid="worklist-counts"]');
  expect(countsText?.includes(`${after.recordCount} shown`) === true, `worklist shows ${after.recordCount}: ${countsText}`);

  const started = page.waitForResponse((r) => r.url().endsWith('/api/import.start'));
  await page.click('[data-testid="import-start"]');
  await started;
  await page.waitForSelector('[data-testid="import-summary"]', { timeout: 120_000 });
  const second = await importSummary(page);
  expectEqual(second.imported, 0, 'second import adds nothing');
  expectEqual(second.duplicates, first.imported + first.duplicates, 'second import finds every record already there');
  expectEqual((await studyCounts(page)).recordCount, after.recordCount, 'record count after the second import');
});

test('works down the worklist by keyboard: arrows, Enter, n / ] / p, Esc', async (ctx) => {
  const page = await ctx.openApp();
  await page.waitForSelector('[data-testid="worklist"] .row[data-record-id]');
  await ctx.screenshot(page, '02-worklist');
  const ids = await worklistRowIds(page);
  expect(ids.length >= 4, `enough rows to walk (${ids.length})`);
  await page.focus('[data-testid="worklist"]');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await waitForDrawn(page, ids[1]);
  expectEqual(await viewerRecordId(page), ids[1], 'Enter opens the selected row');
  const statusOpen = await page.textContent('[data-testid="status-open"]');
  expect(statusOpen?.includes(`#${ids[1]}`) === true, `status bar names the open record: ${statusOpen}`);
  await page.keyboard.press('n');
  await waitForDrawn(page, ids[2]);
  await page.keyboard.press(']');
  await waitForDrawn(page, ids[3]);
  await page.keyboard.press('p');
  await waitForDrawn(page, ids[2]);
  expectEqual(await viewerRecordId(page), ids[2], 'n, ] then p lands on the third row');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="worklist"]');
  const selected = await page.getAttribute('[data-testid="worklist"] .row[aria-selected="true"]', 'data-record-id');
  expectEqual(Number(selected), ids[2], 'the list keeps the row last read selected');
  const status = await page.textContent('[data-testid="worklist"] .row[aria-selected="true"] .td.status');
  expectEqual(status, 'in-review', 'an opened record is no longer unread');
});

test('draws at true scale: 3×4 + rhythm, 6×2, 12×1, 25/50 mm/s, 5/10/20 mm/mV', async (ctx) => {
  const page = await ctx.openApp();
  await setSettings(page, PX_PER_MM);
  await openPatientRecord(page, '15709');
  let cells = await paperCells(page);
  expectEqual(cells.length, 13, '3×4 cells plus the rhythm strip');
  // 2.5 s per column at 25 mm/s is 62.5 mm; at 4 px/mm, 250 px on the glass.
  expectClose(cell(cells, 'I').width, 2.5 * 25 * PX_PER_MM, 0.5, 'lead I width (px)');
  expectClose(cell(cells, 'II', true).width, 10 * 25 * PX_PER_MM, 0.5, 'rhythm strip width (px)');
  expectClose(cell(cells, 'I').height, 30 * PX_PER_MM, 0.5, 'row height at 10 mm/mV (px)');
  expectClose(cell(cells, 'aVR').startS, 2.5, 1e-9, 'second column starts at 2.5 s');
  expectClose(cell(cells, 'V4').x - cell(cells, 'I').x, 3 * 250, 0.5, 'fourth column offset (px)');
  const ink = await inkPixels(page);
  expect(ink.length === 13 && ink.every((n) => n > 200), `every cell has a drawn trace: ${ink.join(',')}`);
  await ctx.screenshot(page, '03-tracing-3x4-25mms-10mmmV');

  await page.click('[data-testid="layout-6x2"]');
  cells = await paperCells(page);
  expectEqual(cells.length, 12, '6×2 cells');
  expectClose(cell(cells, 'V1').width, 5 * 25 * PX_PER_MM, 0.5, '6×2 column width (px)');
  expectClose(cell(cells, 'V1').startS, 5, 1e-9, 'V1 column starts at 5 s');
  const ink6x2 = await inkPixels(page);
  expect(ink6x2.length === 12 && ink6x2.every((n) => n > 200), `every 6×2 cell has its trace: ${ink6x2.join(',')}`);
  await ctx.screenshot(page, '04-tracing-6x2');

  await page.click('[data-testid="layout-12x1"]');
  cells = await paperCells(page);
  expectClose(cell(cells, 'V6').width, 10 * 25 * PX_PER_MM, 0.5, '12×1 width (px)');
  await page.click('[data-testid="speed-50"]');
  cells = await paperCells(page);
  expectClose(cell(cells, 'V6').width, 10 * 50 * PX_PER_MM, 0.5, '12×1 width at 50 mm/s (px)');
  // The tallest wave of lead II is 508 µV at sample 1502, 3.004 s (numpy on 00001_hr.dat): at 50 mm/s and
  // 10 mm/mV it must stand 150.2 mm right of the cell's start and 5.08 mm above its baseline.
  const leadII = cell(cells, 'II');
  const peak = await highestInk(page, leadII);
  expect(peak !== null, 'lead II has ink');
  expectClose((peak?.x ?? 0) - leadII.x, 3.004 * 50 * PX_PER_MM, 2, 'R peak x at 50 mm/s (px)');
  expectClose(leadII.y + leadII.height / 2 - (peak?.y ?? 0), 0.508 * 10 * PX_PER_MM, 2, 'R peak height at 10 mm/mV (px)');
  await ctx.screenshot(page, '05-tracing-12x1-50mms');
  await page.click('[data-testid="speed-25"]');
  await page.click('[data-testid="gain-20"]');
  cells = await paperCells(page);
  expectClose(cell(cells, 'II').height, 60 * PX_PER_MM, 0.5, 'row height at 20 mm/mV (px)');
  const peakAt20 = await highestInk(page, cell(cells, 'II'));
  expectClose((peakAt20?.x ?? 0) - cell(cells, 'II').x, 3.004 * 25 * PX_PER_MM, 2, 'R peak x at 25 mm/s (px)');
  expectClose(cell(cells, 'II').y + 30 * PX_PER_MM - (peakAt20?.y ?? 0), 0.508 * 20 * PX_PER_MM, 2, 'R peak height at 20 mm/mV (px)');
  await page.click('[data-testid="gain-5"]');
  cells = await paperCells(page);
  expectClose(cell(cells, 'II').height, 25 * PX_PER_MM, 0.5, 'row height at 5 mm/mV (px)');
  await ctx.screenshot(page, '06-tracing-12x1-5mmmV');
  await page.click('[data-testid="gain-10"]');
  await page.click('[data-testid="layout-3x4"]');
  await page.selectOption('[data-testid="rhythm-lead"]', 'V1');
  cells = await paperCells(page);
  expectEqual(cell(cells, 'V1', true).lead, 'V1', 'rhythm strip lead is selectable');
});

test('enlarges a lead on click and returns on a second click', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '15709');
  const v2 = cell(await paperCells(page), 'V2');
  await page.mouse.click(v2.x + v2.width / 2, v2.y + v2.height / 2);
  let cells = await paperCells(page);
  expectEqual(cells.length, 1, 'one cell when enlarged');
  expectEqual(cells[0].lead, 'V2', 'the clicked lead is enlarged');
  expectClose(cells[0].width, 10 * 25 * PX_PER_MM, 0.5, 'enlarged lead spans 10 s');
  await ctx.screenshot(page, '07-enlarged-V2');
  await page.mouse.click(cells[0].x + 100, cells[0].y + cells[0].height / 2);
  cells = await paperCells(page);
  expectEqual(cells.length, 13, 'back to 3×4 + rhythm');
});

test('calipers: RR → heart rate, QT → QTc (Bazett and the site formula), amplitude, marching; synchronised cursor', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '15709');
  const pxPerSecond = 25 * PX_PER_MM;
  let cells = await paperCells(page);
  const strip = cell(cells, 'II', true);

  await page.mouse.move(cell(cells, 'II').x + 50, cell(cells, 'II').y + 40);
  const cursorLines = await page.$$eval('[data-testid="ecg-paper"] line.cursor', (lines) => lines.map((l) => Number(l.getAttribute('x1'))));
  expectEqual(cursorLines.length, 4, 'cursor in I, II, III (same column) and the rhythm strip');
  expectClose(cursorLines[3], cursorLines[0], 0.01, 'cursor x aligned across leads');

  // R peaks of lead II in PTB-XL 00001 are at 1.150 and 2.078 s (decoded independently with numpy):
  // an RR caliper from peak to peak, to the nearest pixel (10 ms at 4 px/mm), reads 930 ms, 65 bpm.
  await page.click('[data-testid="caliper-rr"]');
  await dragAcrossCell(page, strip, 1.15, 2.08, pxPerSecond, 30);
  await page.click('[data-testid="caliper-qt"]');
  await dragAcrossCell(page, strip, 1.11, 1.51, pxPerSecond, 30);
  await page.click('[data-testid="caliper-amplitude"]');
  const leadII = cell(cells, 'II');
  await dragAcrossCell(page, leadII, 0.6, 0.6, pxPerSecond, leadII.height / 2, leadII.height / 2 - 10 * PX_PER_MM);
  let readings = await caliperReadings(page);
  expectEqual(readings.length, 3, 'three calipers placed');
  expect(readings[0].includes('930 ms') && readings[0].includes('65 bpm'), `RR 930 ms → 65 bpm: ${readings[0]}`);
  // QTc (Bazett) = 400 / √0.93 = 415 ms.
  expect(readings[1].includes('QT 400 ms') && readings[1].includes('QTc 415 ms (Bazett)'), `QTc Bazett: ${readings[1]}`);
  expect(readings[1].includes('RR 930 ms from RR caliper'), `QTc uses the RR caliper: ${readings[1]}`);
  // 10 mm up at 10 mm/mV is 1 mV.
  expect(readings[2].includes('1.00 mV'), `amplitude 1.00 mV: ${readings[2]}`);
  await ctx.screenshot(page, '08-calipers');

  await setSettings(page, PX_PER_MM, 'fridericia');
  readings = await caliperReadings(page);
  // Fridericia: 400 / ∛0.93 = 410 ms, shown beside Bazett.
  expect(readings[1].includes('QTc 410 ms (Fridericia)') && readings[1].includes('QTc 415 ms (Bazett)'), `site formula: ${readings[1]}`);

  await page.click('[data-testid="caliper-march"]');
  cells = await paperCells(page);
  await dragAcrossCell(page, cell(cells, 'II', true), 0.5, 1.5, pxPerSecond, 50);
  const marchLines = await page.$$eval('[data-testid="ecg-paper"] g.caliper[data-kind="march"] line', (lines) => lines.length);
  // Legs at 0.5, 1.5 … 9.5 s (10 lines) plus the bar joining the first two.
  expectEqual(marchLines, 11, 'marching caliper legs across the strip');
  await ctx.screenshot(page, '09-marching-caliper');
  // Later tests (and other specs) expect the default site formula.
  await setSettings(page, PX_PER_MM, 'bazett');
});

test('display filter changes only the drawing, and the screen says so', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '15709');
  await page.click('[data-testid="caliper-amplitude"]');
  const leadII = cell(await paperCells(page), 'II');
  await dragAcrossCell(page, leadII, 1.0, 1.0, 25 * PX_PER_MM, leadII.height / 2, leadII.height / 2 - 5 * PX_PER_MM);
  const before = await traceChecksum(page);
  const readingBefore = await caliperReadings(page);
  expectEqual(await page.$('[data-testid="filter-badge"]'), null, 'no badge while the filter is off');
  await page.click('[data-testid="filter-toggle"]');
  await waitForDrawn(page);
  expectEqual(await page.textContent('[data-testid="filter-badge"]'), 'Filter: 0.5–40 Hz (display only)', 'filter badge');
  expect((await traceChecksum(page)) !== before, 'the drawing changed');
  expectEqual((await caliperReadings(page)).join('|'), readingBefore.join('|'), 'caliper readings unchanged');
  await ctx.screenshot(page, '10-display-filter');
});

test('median beats from the source are shown where the file has them', async (ctx) => {
  const page = await ctx.openApp();
  await filterWorklist(page, 'filter-patient', '');
  const withMedians = await page.evaluate(async () => {
    const list = await window.api.call('worklist.page', { offset: 0, limit: 500 });
    if (!list.ok) return null;
    for (const row of list.value.rows) {
      const view = await window.api.call('record.get', { id: row.id });
      if (view.ok && (view.value.record.medianBeats?.leads.length ?? 0) >= 12) return row.id;
    }
    return null;
  });
  expect(withMedians !== null, 'an imported real file (DICOM waveform_ecg.dcm) carries median beats');
  await page.focus('[data-testid="worklist"]');
  await page.keyboard.press('Home');
  for (let i = 0; i < 500; i++) {
    const selected = await page.getAttribute('[data-testid="worklist"] .row[aria-selected="true"]', 'data-record-id');
    if (Number(selected) === withMedians) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await waitForDrawn(page, withMedians ?? 0);
  await page.click('[data-testid="medians-toggle"]');
  await waitForDrawn(page, withMedians ?? 0);
  const cells = await paperCells(page);
  expect(cells.length >= 12, `one median beat per lead (${cells.length})`);
  expectEqual(cells[0].startS, 0, 'each median cell shows the whole beat from its start');
  const ink = await inkPixels(page);
  expect(ink.every((n) => n > 50), `every median beat drawn: ${ink.join(',')}`);
  await ctx.screenshot(page, '11-median-beats');
});

test('compares with a prior ECG of the same patient: stacked, time-aligned, no horizontal scrolling', async (ctx) => {
  const page = await ctx.openApp();
  await openPatientRecord(page, '12640');
  await page.waitForSelector('[data-testid="prior-list"] button[data-testid^="prior-"]');
  const priorButtons = await page.$$('[data-testid="prior-list"] button[data-testid^="prior-"]');
  expectEqual(priorButtons.length, 1, 'patient 12640 has one prior ECG in the demo study');
  await priorButtons[0].click();
  await page.waitForSelector('[data-testid="prior-paper"]:not([data-drawn-at="0"])');
  const current = await paperCells(page, 'ecg-paper');
  const prior = await paperCells(page, 'prior-paper');
  expectEqual(current.length, 13, 'current in 3×4 with its rhythm strip');
  expectEqual(prior.length, 13, 'prior in the same layout');
  for (const lead of ['I', 'aVR', 'V1', 'V4']) {
    expectClose(cell(prior, lead).x, cell(current, lead).x, 0.01, `${lead} of the prior straight below the current's`);
    expectClose(cell(prior, lead).width, cell(current, lead).width, 0.01, `${lead}: same time scale`);
    expectEqual(cell(prior, lead).startS, cell(current, lead).startS, `${lead}: same time window`);
  }
  const currentBottom = Math.max(...current.map((c) => c.y + c.height));
  expect(cell(prior, 'I').y > currentBottom, `prior below the current (${cell(prior, 'I').y} > ${currentBottom})`);
  const ink = await inkPixels(page, 'prior-paper');
  expect(ink.length === 13 && ink.every((n) => n > 200), `every lead of the prior drawn: ${ink.join(',')}`);
  const scroll = await page.$eval('.tracings', (el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scroll.scrollWidth <= scroll.clientWidth, `both fit across at 25 mm/s (${scroll.scrollWidth} ≤ ${scroll.clientWidth} px)`);
  const i = cell(current, 'I');
  await page.mouse.move(i.x + 2 * 25 * PX_PER_MM, i.y + 30);
  const xs = await page.evaluate(() =>
    ['ecg-paper', 'prior-paper'].map((id) => {
      const paper = document.querySelector(`[data-testid="${id}"]`);
      return Array.from(paper?.querySelectorAll('line.cursor') ?? []).map((l) => l.getBoundingClientRect().x);
    })
  );
  // At 2 s the cursor crosses the first column (I, II, III) and the rhythm strip, in both ECGs.
  expectEqual(xs[1].length, 4, 'the cursor runs through the prior too');
  expectClose(xs[1][0], xs[0][0], 0.5, 'cursor at the same time and place in both');
  await ctx.screenshot(page, '12-prior-compare');
});

test('worklist filters and columns are remembered', async (ctx) => {
  let page = await ctx.openApp();
  await filterWorklist(page, 'filter-patient', '');
  const total = (await studyCounts(page)).recordCount;
  await filterWorklist(page, 'filter-statement', 'sinus');
  const shown = Number(/([\d,]+) shown/.exec((await page.textContent('[data-testid="worklist-counts"]')) ?? '')?.[1].replace(',', ''));
  expect(shown > 0 && shown < total, `statement filter narrows the list (${shown} of ${total})`);
  await page.click('text=Columns…');
  await page.check('.menu label:has-text("Leads") input');
  await page.waitForSelector('.header .th:has-text("Leads")');
  await page.close();

  page = await ctx.openApp();
  await page.waitForSelector('.header .th:has-text("Leads")');
  expectEqual(await page.inputValue('[data-testid="filter-statement"]'), 'sinus', 'statement filter restored');
  await page.waitForFunction((n) => document.querySelector('[data-testid="worklist-counts"]')?.textContent?.includes(`${n} shown`), shown);
  await ctx.screenshot(page, '13-worklist-filtered');
  await filterWorklist(page, 'filter-statement', '');
  const list = await apiFromPage(page, 'settings.get', {});
  expect(list.ok && list.value.worklistColumns.includes('leads'), 'columns saved in settings');
});
