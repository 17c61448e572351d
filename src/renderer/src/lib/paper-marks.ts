/**
 * What is printed on the paper besides the traces: each row's calibration pulse, the short bars where
 * one column's leads give way to the next, and the lead labels (derived leads starred). Pure geometry
 * in CSS pixels, drawn as SVG over the grid so a change of gain or layout touches a few elements only.
 */
import {
  CALIBRATION_PULSE_MS,
  CALIBRATION_PULSE_MV,
  CALIBRATION_PULSE_OFFSET_MM,
  type PaperGeometry,
} from './paper-layout.ts';

/** Half-height of the bar between columns, mm. */
const COLUMN_BAR_HALF_MM = 3;
/** Baseline drawn either side of the pulse, mm. */
const PULSE_LEAD_MM = 2;

export interface LeadLabel {
  text: string;
  xPx: number;
  yPx: number;
}

/** One SVG path (`d`) holding every pulse and column bar of the paper. */
export function paperMarksPath(geometry: PaperGeometry, speedMmPerS: number, pxPerMm: number): string {
  const px = (mm: number): string => (mm * pxPerMm).toFixed(2);
  const pulseWidthMm = (CALIBRATION_PULSE_MS / 1000) * speedMmPerS;
  const x0 = CALIBRATION_PULSE_OFFSET_MM;
  const parts = geometry.rowBaselinesMm.map((baselineMm, row) => {
    const topMm = baselineMm - CALIBRATION_PULSE_MV * geometry.rowGainsMmPerMv[row];
    return (
      `M${px(x0 - PULSE_LEAD_MM)} ${px(baselineMm)}H${px(x0)}V${px(topMm)}` +
      `H${px(x0 + pulseWidthMm)}V${px(baselineMm)}H${px(x0 + pulseWidthMm + PULSE_LEAD_MM)}`
    );
  });
  const firstColumnXMm = Math.min(...geometry.cells.map((c) => c.xMm));
  for (const cell of geometry.cells) {
    if (cell.xMm <= firstColumnXMm) continue;
    parts.push(`M${px(cell.xMm)} ${px(cell.baselineMm - COLUMN_BAR_HALF_MM)}V${px(cell.baselineMm + COLUMN_BAR_HALF_MM)}`);
  }
  return parts.join('');
}

/** Each cell's lead label, near its top-left corner. */
export function leadLabels(geometry: PaperGeometry, derivedLeads: ReadonlySet<string>, pxPerMm: number): LeadLabel[] {
  return geometry.cells.map((cell) => ({
    text: derivedLeads.has(cell.lead) ? `${cell.lead}*` : cell.lead,
    xPx: (cell.xMm + 1.5) * pxPerMm,
    yPx: (cell.topMm + Math.min(6, cell.heightMm * 0.25)) * pxPerMm,
  }));
}
