import { describe, expect, it } from 'vitest';
import { ptbxlLeadII } from './fixtures.ts';
import { cellTracePoints, emptyTracePoints } from '../../src/renderer/src/lib/trace-points.ts';
import type { PaperCell } from '../../src/renderer/src/lib/paper-layout.ts';

/** Lead II's cell of a 3×4 printout at 25 mm/s, 10 mm/mV: 0–2.5 s, second row. */
const leadIICell: PaperCell = {
  lead: 'II',
  startS: 0,
  endS: 2.5,
  xMm: 11,
  widthMm: 62.5,
  baselineMm: 45,
  topMm: 30,
  heightMm: 30,
  gainMmPerMv: 10,
  isRhythmStrip: false,
};

describe('trace points (min/max envelope per device pixel)', () => {
  it('thins 1,251 samples to the extremes of each 0.25-mm column, keeping the peaks where they are', () => {
    const lead = ptbxlLeadII();
    // 4 px/mm: a column is 0.25 mm, 5 samples at 25 mm/s and 500 Hz.
    const points = cellTracePoints(lead, 500, leadIICell, 25, 0.25, emptyTracePoints());
    // Counted independently with numpy: per 5-sample column, argmin and argmax (one point when they coincide).
    expect(points.count).toBe(476);
    expect(points.hasGaps).toBe(false);
    const ys = Array.from(points.yUpMm.subarray(0, points.count));
    const xs = Array.from(points.xMm.subarray(0, points.count));
    // Highest sample of 0–2.5 s is 421 µV at sample 113 (0.226 s): 4.21 mm above the baseline at 45 mm.
    const top = ys.indexOf(Math.max(...ys));
    expect(ys[top]).toBeCloseTo(4.21 - 45, 9);
    expect(xs[top]).toBeCloseTo(11 + 0.226 * 25, 9);
    // Lowest is −173 µV at sample 563.
    expect(Math.min(...ys)).toBeCloseTo(-1.73 - 45, 9);
    // The R peak at sample 575 (320 µV) survives thinning at its own time.
    const r = xs.findIndex((x) => Math.abs(x - (11 + 1.15 * 25)) < 1e-9);
    expect(ys[r]).toBeCloseTo(3.2 - 45, 9);
    // First points: samples 0, 7, 9, 10 (numpy).
    expect(xs.slice(0, 4).map((x) => Math.round((x - 11) / 0.05))).toEqual([0, 7, 9, 10]);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
  });

  it('keeps every sample when a column holds fewer than three, and reuses its buffers', () => {
    const lead = ptbxlLeadII();
    const out = emptyTracePoints();
    // 50 mm/s: 2.5 samples per 0.25-mm column, not worth thinning; 2.5 s window is samples 0–1250.
    cellTracePoints(lead, 500, leadIICell, 50, 0.25, out);
    expect(out.count).toBe(1251);
    expect(out.yUpMm[575]).toBeCloseTo(3.2 - 45, 9);
    expect(out.xMm[575]).toBeCloseTo(11 + 1.15 * 50, 9);
    const buffer = out.xMm;
    cellTracePoints(lead, 500, leadIICell, 25, 0.25, out);
    expect(out.xMm).toBe(buffer);
    expect(out.count).toBe(476);
  });

  it('breaks the trace at missing samples with one NaN marker per gap', () => {
    const lead = ptbxlLeadII();
    lead.fill(Number.NaN, 100, 140);
    const points = cellTracePoints(lead, 500, leadIICell, 25, 0.25, emptyTracePoints());
    expect(points.hasGaps).toBe(true);
    const ys = Array.from(points.yUpMm.subarray(0, points.count));
    expect(ys.filter((y) => Number.isNaN(y))).toHaveLength(1);
    const marker = ys.findIndex((y) => Number.isNaN(y));
    expect(points.xMm[marker]).toBeCloseTo(11 + 0.2 * 25, 9);
    expect(points.xMm[marker + 1]).toBeGreaterThanOrEqual(11 + 0.28 * 25 - 1e-9);
  });

  it('returns no points for a window past the end of the signal', () => {
    const points = cellTracePoints(new Float32Array(100), 500, { ...leadIICell, startS: 5, endS: 7.5 }, 25, 0.25, emptyTracePoints());
    expect(points.count).toBe(0);
  });
});
