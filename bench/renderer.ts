/**
 * Renderer speed in Chromium against the e2e host: Enter on a worklist row → 12 leads drawn, redraw on
 * gain/speed/layout change, and the worklist's first page and scrolling over 100,000 records (demo
 * study plus synthetic rows without waveforms). Run: node --import tsx bench/renderer.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openStudyDatabase } from '../src/main/core/db/open-database.ts';
import { launchChromium } from '../tests/e2e/harness.ts';
import { reportTable } from './bench-table.ts';
// @ts-expect-error -- a plain .mjs helper shared with scripts/e2e.mjs, without type declarations.
import { buildRenderer, startHost } from '../scripts/build-renderer.mjs';

const SYNTHETIC_RECORDS = 100_000;
const root = fileURLToPath(new URL('..', import.meta.url));

function addSyntheticRows(databasePath: string): void {
  const db = openStudyDatabase(databasePath);
  const insert = db.prepare(
    `INSERT INTO records (format, source_file, source_sha256, sample_rate_hz, duration_s, lead_count, lead_names_json,
       acquired_at, imported_at, status, ai_risk, patient_source_id, patient_name, sex, age_years, statements_summary,
       patient_json, acquisition_json) VALUES ('wfdb', ?, ?, 500, 10, 12, '[]', ?, ?, ?, NULL, ?, ?, 'F', 50, ?, '{}', '{}')`
  );
  db.transaction(() => {
    for (let i = 0; i < SYNTHETIC_RECORDS; i++) {
      const at = new Date(Date.UTC(2015, 0, 1) + i * 600_000).toISOString().slice(0, 19);
      insert.run(`${i}.hea`, `synthetic-${i}`, at, at, i % 3 ? 'signed' : 'unread', `S${i % 40_000}`, `Synthetic ${i}`, 'sinus rhythm');
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

/** "min / median / max": on a shared machine the minimum is the work itself, the rest adds the other jobs. */
function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return [sorted[0], sorted[Math.floor(sorted.length / 2)], sorted.at(-1) ?? 0].map((t) => t.toFixed(1)).join(' / ');
}

/** Clicks (or presses) in the page and resolves with ms until the tracing reports every cell drawn. */
async function timeToDrawn(page: Page, action: string): Promise<number> {
  return page.evaluate((selector) => {
    const paperDrawnAt = () => Number(document.querySelector('[data-testid="ecg-paper"]')?.getAttribute('data-drawn-at') ?? 0);
    const t0 = performance.now();
    if (selector === 'Enter') {
      document.querySelector('[data-testid="worklist"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    } else {
      (document.querySelector(selector) as HTMLElement).click();
    }
    return new Promise<number>((resolve) => {
      const check = () => (paperDrawnAt() > t0 ? resolve(paperDrawnAt() - t0) : setTimeout(check, 1));
      check();
    });
  }, action);
}

const work = mkdtempSync(join(tmpdir(), 'ecg-desk-bench-renderer-'));
const db = join(work, 'study.sqlite');
const home = join(work, 'home');
await buildRenderer(root);
const demo = spawnSync(process.execPath, ['bin/ecg-desk.mjs', 'demo', '--db', db, '--home', home, '--json'], { cwd: root });
if (demo.status !== 0) throw new Error(`demo study failed: ${demo.stderr}`);
addSyntheticRows(db);
const { host, baseUrl } = startHost(spawn, root, db, home) as { host: ReturnType<typeof spawn>; baseUrl: Promise<string> };
try {
  const url = await baseUrl;
  const browser = await launchChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
  const rows: [string, string][] = [['records in the study', (SYNTHETIC_RECORDS + 10).toLocaleString('en')]];

  const loads: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForSelector('[data-testid="worklist"] .row[data-record-id]');
    loads.push(Date.now() - t0);
  }
  rows.push(['app start → first worklist page shown (min / median / max ms)', stats(loads)]);
  const sorts: number[] = [];
  for (let run = 0; run < 10; run++) {
    sorts.push(
      await page.evaluate(() => {
        const t0 = performance.now();
        const before = document.querySelector('[data-row-index="0"]')?.getAttribute('data-record-id');
        (document.querySelector('.header .th') as HTMLElement).click();
        return new Promise<number>((resolve) => {
          const check = () => {
            const first = document.querySelector('[data-row-index="0"]')?.getAttribute('data-record-id');
            if (first && first !== before) resolve(performance.now() - t0);
            else requestAnimationFrame(check);
          };
          check();
        });
      })
    );
  }
  rows.push(['first page after re-sorting 100,010 rows (min / median / max ms)', stats(sorts)]);
  const scroll = await page.evaluate(async () => {
    const scroller = document.querySelector('[data-testid="worklist"]') as HTMLElement;
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      scroller.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const sorted = [...frames].sort((a, b) => a - b);
    return { slow: frames.filter((f) => f > 1000 / 60 + 8).length, frames: frames.length, medianMs: sorted[frames.length >> 1] };
  });
  rows.push([
    'worklist scroll, 120 frames of 400 px: frames over 25 ms (median frame)',
    `${scroll.slow} of ${scroll.frames} (${scroll.medianMs.toFixed(1)} ms)`,
  ]);

  await page.fill('[data-testid="filter-patient"]', '15709');
  await page.waitForSelector('[data-testid="worklist"] .row[data-row-index="0"][data-record-id]');
  const opens: number[] = [];
  for (let run = 0; run < 10; run++) {
    await page.focus('[data-testid="worklist"]');
    opens.push(await timeToDrawn(page, 'Enter'));
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="worklist"]');
  }
  rows.push(['Enter on a row → 12 leads drawn, 10 s at 500 Hz (min / median / max ms)', stats(opens)]);
  await page.focus('[data-testid="worklist"]');
  await timeToDrawn(page, 'Enter');
  const changes: Record<string, number[]> = { gain: [], speed: [], layout: [] };
  for (let run = 0; run < 20; run++) {
    changes.gain.push(await timeToDrawn(page, `[data-testid="gain-${run % 2 ? 10 : 20}"]`));
    changes.speed.push(await timeToDrawn(page, `[data-testid="speed-${run % 2 ? 25 : 50}"]`));
    changes.layout.push(await timeToDrawn(page, `[data-testid="layout-${['6x2', '12x1', '3x4'][run % 3]}"]`));
  }
  for (const [what, times] of Object.entries(changes)) rows.push([`redraw on ${what} change (min / median / max ms)`, stats(times)]);
  await browser.close();
  reportTable('renderer', rows);
} finally {
  host.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
