import { describe, expect, it } from 'vitest';
import { calibrationMarginMm, cellAt, millivoltsAtY, paperGeometry, timeAtX, xAtTime, type PaperOptions } from '../../src/renderer/src/lib/paper-layout.ts';
import { STANDARD_3X4 } from './fixtures.ts';

const base: PaperOptions = STANDARD_3X4;

describe('paper geometry', () => {
  it('lays out 3×4 as a printout: leads down columns of 2.5 s, 62.5 mm each, and a 10-s rhythm strip', () => {
    const g = paperGeometry(base);
    expect(g.cells).toHaveLength(13);
    const byLead = (lead: string) => g.cells.find((c) => c.lead === lead && !c.isRhythmStrip);
    expect(['I', 'II', 'III'].map((l) => byLead(l)?.startS)).toEqual([0, 0, 0]);
    expect(['aVR', 'aVL', 'aVF'].map((l) => byLead(l)?.startS)).toEqual([2.5, 2.5, 2.5]);
    expect(byLead('V4')?.startS).toBe(7.5);
    expect(byLead('V4')?.endS).toBe(10);
    expect(byLead('I')?.widthMm).toBe(62.5);
    expect(byLead('V1')?.xMm).toBe(calibrationMarginMm(25) + 125);
    const strip = g.cells.find((c) => c.isRhythmStrip);
    expect(strip?.lead).toBe('II');
    expect(strip?.widthMm).toBe(250);
    // Four rows of 30 mm (±1.5 mV at 10 mm/mV) and a 2 mm foot.
    expect(g.heightMm).toBe(122);
    expect(g.rowBaselinesMm).toEqual([15, 45, 75, 105]);
  });

  it('scales width with speed and row height with gain', () => {
    const g = paperGeometry({ ...base, layout: '12x1', speedMmPerS: 50, gainMmPerMv: 20 });
    expect(g.cells).toHaveLength(12);
    expect(g.cells[0].widthMm).toBe(500);
    expect(g.cells[0].heightMm).toBe(60);
    expect(calibrationMarginMm(50)).toBe(16);
    expect(paperGeometry({ ...base, layout: '6x2', gainMmPerMv: 5 }).cells[6]).toMatchObject({ lead: 'V1', startS: 5, heightMm: 25 });
  });

  it('shows one enlarged lead at twice the gain across the window', () => {
    const g = paperGeometry({ ...base, enlargedLead: 'V2' });
    expect(g.cells).toEqual([expect.objectContaining({ lead: 'V2', widthMm: 250, gainMmPerMv: 20, startS: 0, endS: 10 })]);
  });

  it('shows a 10-s window of a long record, never past its end', () => {
    const g = paperGeometry({ ...base, durationS: 1805.56, windowStartS: 1800 });
    expect(g.cells[0].startS).toBeCloseTo(1795.56, 9);
    expect(g.windowS).toBe(10);
    const short = paperGeometry({ ...base, durationS: 4 });
    expect(short.cells.find((c) => c.isRhythmStrip)?.widthMm).toBe(100);
  });

  it('gives median beats whole, side by side', () => {
    const g = paperGeometry({ ...base, durationS: 1.2, beats: true, rhythmLead: 'II' });
    expect(g.cells).toHaveLength(12);
    expect(g.cells.every((c) => c.startS === 0 && c.endS === 1.2 && c.widthMm === 30)).toBe(true);
  });

  it('maps paper millimetres to time and millivolts and back', () => {
    const g = paperGeometry(base);
    const aVL = g.cells.find((c) => c.lead === 'aVL');
    if (!aVL) throw new Error('no aVL');
    expect(cellAt(g, aVL.xMm + 1, aVL.baselineMm)?.lead).toBe('aVL');
    expect(timeAtX(aVL, aVL.xMm + 25, 25)).toBe(3.5);
    expect(xAtTime(aVL, 3.5, 25)).toBe(aVL.xMm + 25);
    expect(millivoltsAtY(aVL, aVL.baselineMm - 10)).toBe(1);
  });
});
