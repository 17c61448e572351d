/**
 * The points of one cell's trace in paper millimetres, thinned to a min/max envelope of at most two
 * points per device-pixel column. A 10-s lead at 500 Hz is 5,000 samples but only ~1,000 columns on
 * the glass; keeping each column's extremes (in time order) draws the same ink from far fewer points.
 * Pure maths on typed arrays, no DOM.
 */
import type { PaperCell } from './paper-layout.ts';

/** Reusable output buffers: grown when a cell needs more room, never shrunk. */
export interface TracePoints {
  /** Paper x of each point, mm from the paper's left edge. */
  xMm: Float64Array;
  /** Paper height of each point, mm above the paper's top edge (so negative), upwards positive as on a chart. */
  yUpMm: Float64Array;
  count: number;
  /** Whether a missing sample (NaN) broke the trace: such points carry NaN in yUpMm. */
  hasGaps: boolean;
}

export function emptyTracePoints(): TracePoints {
  return { xMm: new Float64Array(0), yUpMm: new Float64Array(0), count: 0, hasGaps: false };
}

/** Below this many samples per column every sample is kept: thinning would save little. */
const MIN_SAMPLES_PER_COLUMN_TO_THIN = 3;

function ensureCapacity(points: TracePoints, capacity: number): void {
  if (points.xMm.length >= capacity) return;
  points.xMm = new Float64Array(capacity);
  points.yUpMm = new Float64Array(capacity);
}

/**
 * Fills `out` with the trace of `cell` drawn from `samplesUv` at `speedMmPerS`, thinned to columns of
 * `columnWidthMm` (one device pixel). Returns `out`.
 */
export function cellTracePoints(
  samplesUv: Float32Array,
  sampleRateHz: number,
  cell: PaperCell,
  speedMmPerS: number,
  columnWidthMm: number,
  out: TracePoints
): TracePoints {
  const first = Math.max(0, Math.floor(cell.startS * sampleRateHz));
  const last = Math.min(samplesUv.length - 1, Math.ceil(cell.endS * sampleRateHz));
  const sampleCount = Math.max(0, last - first + 1);
  const mmPerSample = speedMmPerS / sampleRateHz;
  const originMm = cell.xMm - cell.startS * speedMmPerS;
  const mmPerUv = cell.gainMmPerMv / 1000;
  const baselineMm = cell.baselineMm;
  const samplesPerColumn = columnWidthMm / mmPerSample;
  out.hasGaps = false;
  out.count = 0;
  if (sampleCount === 0) return out;
  // Every point, thinned or not, stands on a distinct sample, so this many always suffice.
  ensureCapacity(out, sampleCount);

  if (samplesPerColumn < MIN_SAMPLES_PER_COLUMN_TO_THIN) {
    for (let i = first; i <= last; i++) {
      const uv = samplesUv[i];
      if (Number.isNaN(uv)) out.hasGaps = true;
      out.xMm[out.count] = originMm + i * mmPerSample;
      out.yUpMm[out.count] = uv * mmPerUv - baselineMm;
      out.count++;
    }
    return out;
  }

  // Each column gives its lowest and highest sample; each run of missing samples one NaN marker.
  const xs = out.xMm;
  const ys = out.yUpMm;
  let n = 0;
  let column = -1;
  let minIndex = -1;
  let maxIndex = -1;
  const flush = (): void => {
    if (minIndex < 0) return;
    const a = Math.min(minIndex, maxIndex);
    const b = Math.max(minIndex, maxIndex);
    xs[n] = originMm + a * mmPerSample;
    ys[n++] = samplesUv[a] * mmPerUv - baselineMm;
    if (b !== a) {
      xs[n] = originMm + b * mmPerSample;
      ys[n++] = samplesUv[b] * mmPerUv - baselineMm;
    }
    minIndex = -1;
    maxIndex = -1;
  };
  let inGap = false;
  for (let i = first; i <= last; i++) {
    const uv = samplesUv[i];
    if (Number.isNaN(uv)) {
      if (!inGap) {
        flush();
        xs[n] = originMm + i * mmPerSample;
        ys[n++] = Number.NaN;
        out.hasGaps = true;
        inGap = true;
      }
      continue;
    }
    inGap = false;
    const sampleColumn = Math.floor((i - first) / samplesPerColumn);
    if (sampleColumn !== column) {
      flush();
      column = sampleColumn;
    }
    if (minIndex < 0 || uv < samplesUv[minIndex]) minIndex = i;
    if (maxIndex < 0 || uv > samplesUv[maxIndex]) maxIndex = i;
  }
  flush();
  out.count = n;
  return out;
}
