/**
 * The paper under the traces: the 1 mm and 5 mm grid on a canvas. Every paper's grid starts at its
 * top-left corner and depends only on the scale, so a change of gain, speed or layout leaves it as it is
 * unless the paper outgrows the canvas. Pulses and lead labels are drawn over it (paper-marks.ts).
 */

export const PAPER_COLOURS = {
  background: '#fff7f5',
  minorLine: '#f7cfcf',
  majorLine: '#e8999b',
  ink: '#111111',
};

export interface CanvasSize {
  width: number;
  height: number;
}

/** A canvas may hold up to this many times the area its paper needs before it is shrunk. */
const MAX_SPARE_AREA_FACTOR = 3;

/**
 * The size to give a canvas that must show `needed` pixels. Resizing a canvas reallocates and clears it,
 * the costliest step of a redraw, so a canvas only grows (to cover every paper shown lately; the paper
 * clips the rest) and is shrunk to fit only when it holds far more than the paper needs.
 */
export function retainedCanvasSize(current: CanvasSize, needed: CanvasSize): CanvasSize {
  const grown = { width: Math.max(current.width, needed.width), height: Math.max(current.height, needed.height) };
  if (grown.width * grown.height > MAX_SPARE_AREA_FACTOR * needed.width * needed.height) return needed;
  return grown.width === current.width && grown.height === current.height ? current : grown;
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
  // Grown to cover the larger of the old and the new, so papers of either shape reuse it.
  canvas.width = Math.max(widthDevicePx, cache?.canvas.width ?? 0);
  canvas.height = Math.max(heightDevicePx, cache?.canvas.height ?? 0);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  drawGrid(context, canvas.width, canvas.height, stepPx, ratio);
  gridCache = { canvas, stepPx, ratio };
  return canvas;
}

/** The scale each grid canvas was last drawn at, so an unchanged grid is not drawn again. */
const drawnStepPx = new WeakMap<HTMLCanvasElement, number>();

/** Makes `canvas` show the grid for a paper of the given size (CSS px) at `pxPerMm`, redrawing only when it must. */
export function drawPaperGrid(canvas: HTMLCanvasElement, widthPx: number, heightPx: number, pxPerMm: number): void {
  const ratio = window.devicePixelRatio || 1;
  const stepPx = pxPerMm * ratio;
  const size = retainedCanvasSize(canvas, { width: Math.ceil(widthPx * ratio), height: Math.ceil(heightPx * ratio) });
  if (size.width === canvas.width && size.height === canvas.height && drawnStepPx.get(canvas) === stepPx) return;
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.style.width = `${size.width / ratio}px`;
  canvas.style.height = `${size.height / ratio}px`;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  context.drawImage(cachedGrid(size.width, size.height, stepPx, ratio), 0, 0, size.width, size.height, 0, 0, size.width, size.height);
  drawnStepPx.set(canvas, stepPx);
}
