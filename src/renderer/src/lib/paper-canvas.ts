/**
 * Draws the paper under the traces: the 1 mm and 5 mm grid, the calibration pulse of each row, lead
 * labels and the small bars where one column's leads give way to the next, as on a printed ECG.
 */
import {
  CALIBRATION_PULSE_MS,
  CALIBRATION_PULSE_MV,
  CALIBRATION_PULSE_OFFSET_MM,
  type PaperGeometry,
} from './paper-layout.ts';

export const PAPER_COLOURS = {
  background: '#fff7f5',
  minorLine: '#f7cfcf',
  majorLine: '#e8999b',
  ink: '#111111',
  label: '#1a1a1a',
};

export interface PaperDrawOptions {
  pxPerMm: number;
  speedMmPerS: number;
  /** Lead names that were derived rather than recorded, labelled as such. */
  derivedLeads: ReadonlySet<string>;
}

function sizeCanvas(canvas: HTMLCanvasElement, widthPx: number, heightPx: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(widthPx * ratio);
  const h = Math.round(heightPx * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${widthPx}px`;
  canvas.style.height = `${heightPx}px`;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  context.setTransform(1, 0, 0, 1, 0, 0);
  return context;
}

function drawGrid(ctx: CanvasRenderingContext2D, w: number, h: number, stepPx: number, ratio: number): void {
  ctx.fillStyle = PAPER_COLOURS.background;
  ctx.fillRect(0, 0, w, h);
  // Minor lines first, major lines over them; half-pixel offsets keep one-pixel lines crisp.
  for (const major of [false, true]) {
    ctx.beginPath();
    ctx.strokeStyle = major ? PAPER_COLOURS.majorLine : PAPER_COLOURS.minorLine;
    ctx.lineWidth = major ? Math.max(1, Math.round(ratio)) : 1;
    for (let i = 0; i * stepPx <= w; i++) {
      if ((i % 5 === 0) !== major) continue;
      const x = Math.round(i * stepPx) + 0.5;
      ctx.moveTo(x, 0);
      ctx.lineTo(x, h);
    }
    for (let i = 0; i * stepPx <= h; i++) {
      if ((i % 5 === 0) !== major) continue;
      const y = Math.round(i * stepPx) + 0.5;
      ctx.moveTo(0, y);
      ctx.lineTo(w, y);
    }
    ctx.stroke();
  }
}

/**
 * The grid, drawn once per scale into an off-screen canvas at least as large as any paper asked for.
 * Every paper's grid starts at its top-left corner, so a smaller paper is a copy of a corner of it:
 * a change of gain, speed or layout blits the grid instead of stroking hundreds of lines again.
 */
let gridCache: { canvas: HTMLCanvasElement; stepPx: number; ratio: number } | null = null;

function cachedGrid(widthDevicePx: number, heightDevicePx: number, stepPx: number, ratio: number): HTMLCanvasElement {
  const cache = gridCache;
  if (cache && cache.stepPx === stepPx && cache.ratio === ratio && cache.canvas.width >= widthDevicePx && cache.canvas.height >= heightDevicePx) {
    return cache.canvas;
  }
  const canvas = document.createElement('canvas');
  // Grown with headroom so the next larger layout reuses it.
  canvas.width = Math.ceil(Math.max(widthDevicePx, cache?.canvas.width ?? 0) * 1.25);
  canvas.height = Math.ceil(Math.max(heightDevicePx, cache?.canvas.height ?? 0) * 1.25);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  drawGrid(context, canvas.width, canvas.height, stepPx, ratio);
  gridCache = { canvas, stepPx, ratio };
  return canvas;
}

export function drawPaper(canvas: HTMLCanvasElement, geometry: PaperGeometry, options: PaperDrawOptions): void {
  const { pxPerMm } = options;
  const widthPx = geometry.widthMm * pxPerMm;
  const heightPx = geometry.heightMm * pxPerMm;
  const ratio = window.devicePixelRatio || 1;
  const ctx = sizeCanvas(canvas, widthPx, heightPx);
  ctx.drawImage(cachedGrid(canvas.width, canvas.height, pxPerMm * ratio, ratio), 0, 0, canvas.width, canvas.height, 0, 0, canvas.width, canvas.height);
  ctx.scale(ratio * pxPerMm, ratio * pxPerMm);

  ctx.strokeStyle = PAPER_COLOURS.ink;
  ctx.lineWidth = 1.3 / pxPerMm;
  ctx.lineJoin = 'miter';
  ctx.beginPath();
  const pulseWidthMm = (CALIBRATION_PULSE_MS / 1000) * options.speedMmPerS;
  geometry.rowBaselinesMm.forEach((baselineMm, row) => {
    const pulseHeightMm = CALIBRATION_PULSE_MV * geometry.rowGainsMmPerMv[row];
    const x0 = CALIBRATION_PULSE_OFFSET_MM;
    ctx.moveTo(x0 - 2, baselineMm);
    ctx.lineTo(x0, baselineMm);
    ctx.lineTo(x0, baselineMm - pulseHeightMm);
    ctx.lineTo(x0 + pulseWidthMm, baselineMm - pulseHeightMm);
    ctx.lineTo(x0 + pulseWidthMm, baselineMm);
    ctx.lineTo(x0 + pulseWidthMm + 2, baselineMm);
  });
  const firstColumnXMm = Math.min(...geometry.cells.map((c) => c.xMm));
  for (const cell of geometry.cells) {
    if (cell.xMm <= firstColumnXMm) continue;
    ctx.moveTo(cell.xMm, cell.baselineMm - 3);
    ctx.lineTo(cell.xMm, cell.baselineMm + 3);
  }
  ctx.stroke();

  ctx.fillStyle = PAPER_COLOURS.label;
  ctx.textBaseline = 'alphabetic';
  ctx.font = `600 ${Math.max(3, 11 / pxPerMm)}px system-ui, sans-serif`;
  for (const cell of geometry.cells) {
    const label = options.derivedLeads.has(cell.lead) ? `${cell.lead}*` : cell.lead;
    ctx.fillText(label, cell.xMm + 1.5, cell.topMm + Math.min(6, cell.heightMm * 0.25));
  }
}
