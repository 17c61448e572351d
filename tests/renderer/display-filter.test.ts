import { describe, expect, it } from 'vitest';
import { ptbxlLeadII } from './fixtures.ts';
import { displayFilter } from '../../src/renderer/src/lib/display-filter.ts';

function argmax(x: Float32Array, from: number, to: number): number {
  let best = from;
  for (let i = from; i < to; i++) if (x[i] > x[best]) best = i;
  return best;
}

describe('display filter (0.5–40 Hz, zero phase)', () => {
  it('keeps R peaks where they are on a real ECG (no phase shift)', () => {
    const lead = ptbxlLeadII();
    const filtered = displayFilter(lead, 500);
    expect(filtered).not.toBe(lead);
    // R peaks of lead II found independently with numpy at 1.150 s and 2.078 s.
    expect(argmax(lead, 500, 700)).toBe(575);
    expect(Math.abs(argmax(filtered, 500, 700) - 575)).toBeLessThanOrEqual(1);
    expect(Math.abs(argmax(filtered, 950, 1150) - 1039)).toBeLessThanOrEqual(1);
    expect(lead[575]).toBe(320);
  });

  it('removes a baseline offset and drift but passes the QRS', () => {
    const n = 5000;
    const drifting = new Float32Array(n);
    const lead = ptbxlLeadII();
    for (let i = 0; i < n; i++) drifting[i] = lead[i] + 2000 + 800 * Math.sin((2 * Math.PI * 0.1 * i) / 500);
    const filtered = displayFilter(drifting, 500);
    let mean = 0;
    for (let i = 500; i < 4500; i++) mean += filtered[i] / 4000;
    expect(Math.abs(mean)).toBeLessThan(60);
    const peakToPeak = Math.max(...filtered.subarray(540, 620)) - Math.min(...filtered.subarray(540, 620));
    expect(peakToPeak).toBeGreaterThan(300);
  });

  it('attenuates 60 Hz mains and keeps missing samples missing', () => {
    const n = 2000;
    const hum = new Float32Array(n);
    for (let i = 0; i < n; i++) hum[i] = 100 * Math.sin((2 * Math.PI * 60 * i) / 500);
    hum[1000] = Number.NaN;
    const filtered = displayFilter(hum, 500);
    expect(Number.isNaN(filtered[1000])).toBe(true);
    const middle = Array.from(filtered.subarray(200, 900));
    expect(Math.max(...middle.map(Math.abs))).toBeLessThan(50);
  });
});
