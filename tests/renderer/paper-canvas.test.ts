import { describe, expect, it } from 'vitest';
import { retainedCanvasSize } from '../../src/renderer/src/lib/paper-canvas.ts';

// Paper sizes at 96 dpi (3.78 px/mm): 3×4 + rhythm at 10 mm/mV is 266 × 122 mm, 12×1 is 266 × 362 mm,
// 12×1 at 50 mm/s is 516 × 362 mm.
const threeByFour = { width: 1005, height: 461 };
const twelveByOne = { width: 1005, height: 1368 };
const twelveByOneFast = { width: 1950, height: 1368 };

describe('retained canvas size (no reallocation on every redraw)', () => {
  it('keeps a canvas that holds the new paper, and grows it to cover both when it does not', () => {
    const grown = retainedCanvasSize(threeByFour, twelveByOne);
    expect(grown).toEqual({ width: 1005, height: 1368 });
    // Back to 3×4: the 12×1 canvas (3 times the area) is kept, the same object, so nothing is resized.
    expect(retainedCanvasSize(grown, threeByFour)).toBe(grown);
    expect(retainedCanvasSize({ width: 1950, height: 461 }, twelveByOne)).toEqual({ width: 1950, height: 1368 });
  });

  it('shrinks to the paper once the canvas holds more than three times the area it needs', () => {
    // 1950 × 1368 is 1.9 times 12×1's area at 25 mm/s: kept; 5.8 times 3×4's: shrunk to 3×4.
    expect(retainedCanvasSize(twelveByOneFast, twelveByOne)).toBe(twelveByOneFast);
    expect(retainedCanvasSize(twelveByOneFast, threeByFour)).toEqual(threeByFour);
  });
});
