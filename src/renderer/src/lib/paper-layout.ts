/**
 * Where each lead goes on ECG paper, in millimetres: the standard printout layouts at a given paper
 * speed and gain. Pure geometry, no DOM, so it is unit-tested and shared by the paper, the calipers
 * and the synchronised cursor.
 */

export const LAYOUTS = ['3x4', '6x2', '12x1'] as const;
export type PaperLayout = (typeof LAYOUTS)[number];
export const SPEEDS_MM_PER_S = [25, 50] as const;
export const GAINS_MM_PER_MV = [5, 10, 20] as const;

/** The standard calibration pulse: 1 mV high, 200 ms wide. */
export const CALIBRATION_PULSE_MS = 200;
export const CALIBRATION_PULSE_MV = 1;
/** Where the pulse starts within the left margin. */
export const CALIBRATION_PULSE_OFFSET_MM = 3;

/** Width of the left margin holding the calibration pulse: the pulse plus space either side. */
export function calibrationMarginMm(speedMmPerS: number): number {
  return CALIBRATION_PULSE_OFFSET_MM + (CALIBRATION_PULSE_MS / 1000) * speedMmPerS + 3;
}

export interface PaperOptions {
  layout: PaperLayout;
  speedMmPerS: number;
  gainMmPerMv: number;
  /** Leads available, canonical order. */
  leadNames: readonly string[];
  /** Start of the shown window, seconds from the record start. */
  windowStartS: number;
  /** Seconds of signal the record holds. */
  durationS: number;
  /** Lead of the full-width rhythm strip under the 3×4 layout; none when null or absent. */
  rhythmLead: string | null;
  /** One lead shown alone, full width, at twice the gain. */
  enlargedLead: string | null;
  /** Median (representative) beats: every cell shows the whole beat, columns side by side. */
  beats?: boolean;
}

export interface PaperCell {
  lead: string;
  /** Time window of the cell, seconds from the record start. */
  startS: number;
  endS: number;
  /** Left edge and width of the trace area. */
  xMm: number;
  widthMm: number;
  /** Baseline (0 mV) of the trace. */
  baselineMm: number;
  /** Row band the cell owns (the trace may overflow it, as on paper). */
  topMm: number;
  heightMm: number;
  gainMmPerMv: number;
  isRhythmStrip: boolean;
}

export interface PaperGeometry {
  widthMm: number;
  heightMm: number;
  /** Seconds shown per row: every cell of one column shares its window. */
  windowS: number;
  cells: PaperCell[];
  /** Baselines of the rows, where the calibration pulses stand. */
  rowBaselinesMm: number[];
  rowGainsMmPerMv: number[];
}

/** Space between median beats of neighbouring columns. */
const BEAT_GAP_MM = 5;

/** Standard printouts show 10 s of signal. */
export const STANDARD_WINDOW_S = 10;

/** Row height: room for ±1.5 mV at the chosen gain, never less than 25 mm. */
export function rowHeightMm(gainMmPerMv: number): number {
  return Math.max(25, 3 * gainMmPerMv);
}

function gridShape(layout: PaperLayout): { rows: number; columns: number } {
  switch (layout) {
    case '3x4':
      return { rows: 3, columns: 4 };
    case '6x2':
      return { rows: 6, columns: 2 };
    case '12x1':
      return { rows: 12, columns: 1 };
  }
}

/** The window actually shown: at most 10 s, never past the record's end. */
export function clampWindowStartS(windowStartS: number, durationS: number): number {
  const windowS = Math.min(STANDARD_WINDOW_S, durationS);
  return Math.min(Math.max(0, windowStartS), Math.max(0, durationS - windowS));
}

export function paperGeometry(options: PaperOptions): PaperGeometry {
  const beats = options.beats === true;
  const windowS = beats ? options.durationS : Math.min(STANDARD_WINDOW_S, options.durationS);
  const startS = beats ? 0 : clampWindowStartS(options.windowStartS, options.durationS);
  const { rows, columns } = gridShape(options.layout);
  const traceWidthMm = beats ? columns * (windowS * options.speedMmPerS + BEAT_GAP_MM) : windowS * options.speedMmPerS;
  const marginMm = calibrationMarginMm(options.speedMmPerS);
  const widthMm = marginMm + traceWidthMm + 5;
  const cells: PaperCell[] = [];
  const rowBaselinesMm: number[] = [];
  const rowGainsMmPerMv: number[] = [];

  const enlarged = options.enlargedLead && options.leadNames.includes(options.enlargedLead) ? options.enlargedLead : null;
  if (enlarged) {
    const gainMmPerMv = options.gainMmPerMv * 2;
    const heightMm = rowHeightMm(gainMmPerMv) * 1.5;
    cells.push({
      lead: enlarged,
      startS,
      endS: startS + windowS,
      xMm: marginMm,
      widthMm: traceWidthMm,
      baselineMm: heightMm / 2,
      topMm: 0,
      heightMm,
      gainMmPerMv,
      isRhythmStrip: false,
    });
    return { widthMm, heightMm, windowS, cells, rowBaselinesMm: [heightMm / 2], rowGainsMmPerMv: [gainMmPerMv] };
  }

  const rowMm = rowHeightMm(options.gainMmPerMv);
  const columnS = beats ? windowS : windowS / columns;
  const columnMm = traceWidthMm / columns;
  const leads = options.leadNames;
  // Beyond twelve leads (V3R, X/Y/Z …) the grid grows extra rows with the same columns.
  const rowCount = Math.max(rows, Math.ceil(leads.length / columns));
  for (let row = 0; row < rowCount; row++) {
    rowBaselinesMm.push(row * rowMm + rowMm / 2);
    rowGainsMmPerMv.push(options.gainMmPerMv);
  }
  leads.forEach((lead, index) => {
    // Leads run down each column, as on a printout: I, II, III | aVR, aVL, aVF | V1–V3 | V4–V6.
    const column = Math.floor(index / rowCount);
    const row = index % rowCount;
    const cellStartS = beats ? 0 : startS + column * columnS;
    cells.push({
      lead,
      startS: cellStartS,
      endS: cellStartS + columnS,
      xMm: marginMm + column * columnMm,
      widthMm: beats ? columnMm - BEAT_GAP_MM : columnMm,
      baselineMm: row * rowMm + rowMm / 2,
      topMm: row * rowMm,
      heightMm: rowMm,
      gainMmPerMv: options.gainMmPerMv,
      isRhythmStrip: false,
    });
  });
  let heightMm = rowCount * rowMm;
  const rhythmLead = !beats && options.layout === '3x4' && options.rhythmLead && leads.includes(options.rhythmLead) ? options.rhythmLead : null;
  if (rhythmLead) {
    cells.push({
      lead: rhythmLead,
      startS,
      endS: startS + windowS,
      xMm: marginMm,
      widthMm: traceWidthMm,
      baselineMm: heightMm + rowMm / 2,
      topMm: heightMm,
      heightMm: rowMm,
      gainMmPerMv: options.gainMmPerMv,
      isRhythmStrip: true,
    });
    rowBaselinesMm.push(heightMm + rowMm / 2);
    rowGainsMmPerMv.push(options.gainMmPerMv);
    heightMm += rowMm;
  }
  return { widthMm, heightMm: heightMm + 2, windowS, cells, rowBaselinesMm, rowGainsMmPerMv };
}

/** The cell under a point on the paper, if any. */
export function cellAt(geometry: PaperGeometry, xMm: number, yMm: number): PaperCell | undefined {
  return geometry.cells.find(
    (c) => xMm >= c.xMm && xMm <= c.xMm + c.widthMm && yMm >= c.topMm && yMm <= c.topMm + c.heightMm
  );
}

export function timeAtX(cell: PaperCell, xMm: number, speedMmPerS: number): number {
  return cell.startS + (xMm - cell.xMm) / speedMmPerS;
}

export function xAtTime(cell: PaperCell, timeS: number, speedMmPerS: number): number {
  return cell.xMm + (timeS - cell.startS) * speedMmPerS;
}

export function millivoltsAtY(cell: PaperCell, yMm: number): number {
  return (cell.baselineMm - yMm) / cell.gainMmPerMv;
}

export function yAtMillivolts(cell: PaperCell, mv: number): number {
  return cell.baselineMm - mv * cell.gainMmPerMv;
}
