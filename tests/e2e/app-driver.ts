/** What the browser tests do to the app and read back from it, so the tests read as steps. */
import type { Page } from 'playwright-core';
import type { ApiArgs, ApiName, ApiResponse } from '../../src/shared/contract/api.ts';

export interface CellBox {
  lead: string;
  strip: boolean;
  startS: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Calls the contract from inside the page, through the same window.api the app uses. */
export async function apiFromPage<N extends ApiName>(page: Page, name: N, args: ApiArgs<N>): Promise<ApiResponse<N>> {
  return page.evaluate(([n, a]) => window.api.call(n as N, a as ApiArgs<N>), [name, args] as const) as Promise<ApiResponse<N>>;
}

export async function studyCounts(page: Page): Promise<{ recordCount: number; unreadCount: number }> {
  const info = await apiFromPage(page, 'study.info', {});
  if (!info.ok) throw new Error(info.error.message);
  return info.value;
}

/** The cells of a tracing, in page pixels. */
export async function paperCells(page: Page, testId = 'ecg-paper'): Promise<CellBox[]> {
  return page.$$eval(`[data-testid="${testId}"] rect.cell-hit`, (rects) =>
    rects.map((rect) => {
      const box = rect.getBoundingClientRect();
      return {
        lead: rect.getAttribute('data-lead') ?? '',
        strip: rect.getAttribute('data-strip') === 'true',
        startS: Number(rect.getAttribute('data-start-s')),
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
      };
    })
  );
}

export function cell(cells: CellBox[], lead: string, strip = false): CellBox {
  const found = cells.find((c) => c.lead === lead && c.strip === strip);
  if (!found) throw new Error(`no ${strip ? 'rhythm strip' : 'cell'} for lead ${lead} (cells: ${cells.map((c) => c.lead).join(' ')})`);
  return found;
}

/** Waits until the tracing of this record has drawn every cell after the latest change. */
export async function waitForDrawn(page: Page, recordId?: number): Promise<void> {
  const viewerSelector = recordId === undefined ? '[data-testid="viewer"]' : `[data-testid="viewer"][data-record-id="${recordId}"]`;
  await page.waitForSelector(`${viewerSelector} [data-testid="ecg-paper"]:not([data-drawn-at="0"])`);
}

export async function viewerRecordId(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="viewer"]', 'data-record-id'));
}

export async function worklistRowIds(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="worklist"] .row[data-record-id]', (rows) =>
    rows
      .sort((a, b) => Number(a.getAttribute('data-row-index')) - Number(b.getAttribute('data-row-index')))
      .map((row) => Number(row.getAttribute('data-record-id')))
  );
}

/** Types into a worklist filter and waits for the list to answer. */
export async function filterWorklist(page: Page, testId: 'filter-patient' | 'filter-statement', text: string): Promise<void> {
  const selector = `[data-testid="${testId}"]`;
  if ((await page.inputValue(selector)) === text) return;
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/worklist.page'));
  await page.fill(selector, text);
  await answered;
  await page.waitForTimeout(50);
}

/** Drags across the tracing between two times (s) on one cell, at a height given in mm below the cell's top. */
export async function dragAcrossCell(
  page: Page,
  box: CellBox,
  fromS: number,
  toS: number,
  pxPerSecond: number,
  yOffsetPx: number,
  toYOffsetPx = yOffsetPx
): Promise<void> {
  await page.mouse.move(box.x + (fromS - box.startS) * pxPerSecond, box.y + yOffsetPx);
  await page.mouse.down();
  await page.mouse.move(box.x + (toS - box.startS) * pxPerSecond, box.y + toYOffsetPx, { steps: 6 });
  await page.mouse.up();
}

export async function caliperReadings(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="caliper-reading"]', (items) => items.map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Number of dark (ink) pixels of the traces inside each cell of a tracing: proof each lead was drawn. */
export async function inkPixels(page: Page, testId = 'ecg-paper'): Promise<number[]> {
  return page.$eval(`[data-testid="${testId}"]`, (paper) => {
    const canvas = paper.querySelector('.traces canvas') as HTMLCanvasElement | null;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return [];
    const paperBox = paper.getBoundingClientRect();
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return Array.from(paper.querySelectorAll('rect.cell-hit'), (rect) => {
      const box = rect.getBoundingClientRect();
      const x = Math.round((box.x - paperBox.x) * scale);
      const y = Math.round((box.y - paperBox.y) * scale);
      const data = context.getImageData(x, y, Math.round(box.width * scale), Math.round(box.height * scale)).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 128) ink++;
      return ink;
    });
  });
}

/** The highest ink pixel of the traces inside one cell (page pixels): where the tallest wave of that lead was drawn. */
export async function highestInk(page: Page, box: CellBox, testId = 'ecg-paper'): Promise<{ x: number; y: number } | null> {
  return page.$eval(
    `[data-testid="${testId}"]`,
    (paper, cellBox) => {
      const canvas = paper.querySelector('.traces canvas') as HTMLCanvasElement | null;
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return null;
      const canvasBox = canvas.getBoundingClientRect();
      const scale = canvas.width / canvasBox.width;
      const left = Math.round((cellBox.x - canvasBox.x) * scale);
      const top = Math.round((cellBox.y - canvasBox.y) * scale);
      const width = Math.round(cellBox.width * scale);
      const height = Math.round(cellBox.height * scale);
      const data = context.getImageData(left, top, width, height).data;
      for (let row = 0; row < height; row++) {
        const inked: number[] = [];
        for (let column = 0; column < width; column++) if (data[(row * width + column) * 4 + 3] > 128) inked.push(column);
        if (inked.length > 0) {
          const column = inked.reduce((a, b) => a + b, 0) / inked.length;
          return { x: canvasBox.x + (left + column) / scale, y: canvasBox.y + (top + row) / scale };
        }
      }
      return null;
    },
    box
  );
}

/** A checksum of the traces' pixels, to tell whether the drawing changed. */
export async function traceChecksum(page: Page): Promise<number> {
  return page.$eval('[data-testid="ecg-paper"] .traces canvas', (canvas) => {
    const data = (canvas as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height).data;
    let sum = 0;
    if (data) for (let i = 3; i < data.length; i += 4) sum = (sum * 31 + data[i] * (i + 1)) % 2_147_483_647;
    return sum;
  });
}

export async function setSettings(page: Page, pxPerMm: number, qtcFormula?: string): Promise<void> {
  await page.click('[data-testid="open-settings"]');
  await page.fill('[data-testid="px-per-mm"]', String(pxPerMm));
  if (qtcFormula) await page.selectOption('[data-testid="qtc-formula"]', qtcFormula);
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="settings-dialog"]', { state: 'detached' });
}

/** Opens the demo record of a patient (PTB-XL, 12 leads, 500 Hz, 10 s) from the worklist by keyboard. */
export async function openPatientRecord(page: Page, patientId: string): Promise<number> {
  await filterWorklist(page, 'filter-patient', patientId);
  const [firstId] = await worklistRowIds(page);
  await page.focus('[data-testid="worklist"]');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await waitForDrawn(page, firstId);
  return firstId;
}
