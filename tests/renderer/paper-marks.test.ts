import { describe, expect, it } from 'vitest';
import { leadLabels, paperMarksPath } from '../../src/renderer/src/lib/paper-marks.ts';
import { paperGeometry } from '../../src/renderer/src/lib/paper-layout.ts';
import { STANDARD_3X4 } from './fixtures.ts';

const geometry = paperGeometry(STANDARD_3X4);

describe('paper marks', () => {
  it('draws a 1 mV × 200 ms pulse on every row and a bar where each later column starts', () => {
    const path = paperMarksPath(geometry, 25, 4);
    const pulses = path.match(/M[^M]*H[^M]*V[^M]*H[^M]*V[^M]*H[^M]*/g) ?? [];
    expect(pulses).toHaveLength(4);
    // First row: baseline 15 mm (60 px); the pulse rises 10 mm (40 px) at 3 mm and is 5 mm (20 px) wide at 25 mm/s.
    expect(pulses[0]).toBe('M4.00 60.00H12.00V20.00H32.00V60.00H40.00');
    // Rhythm strip (fourth row, baseline 105 mm) has its pulse too.
    expect(pulses[3]).toBe('M4.00 420.00H12.00V380.00H32.00V420.00H40.00');
    // Three later columns × three rows of bars, 6 mm tall; the strip starts in the first column, so none there.
    const bars = path.match(/M[\d.]+ [\d.]+V[\d.]+(?=M|$)/g) ?? [];
    expect(bars).toHaveLength(9);
    // aVR's column starts 11 + 62.5 mm in (294 px), its bar ±3 mm about the 15-mm baseline.
    expect(bars[0]).toBe('M294.00 48.00V72.00');
    expect(paperMarksPath(geometry, 50, 4).startsWith('M4.00 60.00H12.00V20.00H52.00V60.00H60.00')).toBe(true);
  });

  it('labels every cell at its top-left, starring derived leads', () => {
    const labels = leadLabels(geometry, new Set(['III', 'aVR', 'aVL', 'aVF']), 4);
    expect(labels).toHaveLength(13);
    expect(labels.map((l) => l.text).slice(0, 6)).toEqual(['I', 'II', 'III*', 'aVR*', 'aVL*', 'aVF*']);
    // Lead I: 1.5 mm into its cell (x 11 mm), 6 mm below its top.
    expect(labels[0]).toEqual({ text: 'I', xPx: 50, yPx: 24 });
  });
});
