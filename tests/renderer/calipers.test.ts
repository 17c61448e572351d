import { describe, expect, it } from 'vitest';
import { correctedQtMs, heartRateBpm } from '../../src/renderer/src/lib/qtc.ts';
import { marchTimesS, readCaliper, rrForQtcMs, type Caliper } from '../../src/renderer/src/lib/calipers.ts';

const caliper = (kind: Caliper['kind'], startS: number, endS: number, startMv = 0, endMv = 0): Caliper => ({
  id: 1,
  kind,
  lead: 'II',
  waveform: 'rhythm',
  onRhythmStrip: true,
  startS,
  endS,
  startMv,
  endMv,
});

describe('QTc and heart rate', () => {
  it('corrects QT 400 ms at RR 800 ms by each formula', () => {
    expect(heartRateBpm(800)).toBe(75);
    expect(correctedQtMs(400, 800, 'bazett')).toBeCloseTo(447.21, 2);
    expect(correctedQtMs(400, 800, 'fridericia')).toBeCloseTo(430.89, 2);
    expect(correctedQtMs(400, 800, 'framingham')).toBeCloseTo(430.8, 6);
    expect(correctedQtMs(400, 800, 'hodges')).toBeCloseTo(426.25, 6);
    expect(correctedQtMs(400, 1000, 'bazett')).toBe(400);
  });
});

describe('caliper readings', () => {
  it('reads RR as heart rate and QT as QTc from the RR caliper, Bazett beside the site formula', () => {
    const rrCaliper = caliper('rr', 1.15, 2.08);
    const qt = caliper('qt', 1.11, 1.51);
    const rr = rrForQtcMs([rrCaliper, qt], undefined, undefined);
    expect(rr?.from).toBe('caliper');
    expect(rr?.rrMs).toBeCloseTo(930, 9);
    expect(readCaliper(rrCaliper, rr, 'bazett')).toEqual({ primary: '930 ms', secondary: ['65 bpm'] });
    expect(readCaliper(qt, rr, 'fridericia')).toEqual({
      primary: 'QT 400 ms',
      secondary: ['QTc 415 ms (Bazett)', 'QTc 410 ms (Fridericia)', 'RR 930 ms from RR caliper'],
    });
  });

  it("falls back to the device's RR, then its rate, and says when there is none", () => {
    expect(rrForQtcMs([], 1000, 75)).toEqual({ rrMs: 1000, from: 'device' });
    expect(rrForQtcMs([], undefined, 75)).toEqual({ rrMs: 800, from: 'device' });
    expect(readCaliper(caliper('qt', 0, 0.4), null, 'bazett').secondary).toEqual(['QTc needs an RR caliper']);
  });

  it('reads amplitude in mV and marches a caliper across the window', () => {
    expect(readCaliper(caliper('amplitude', 1, 1, 0.2, 1.45), null, 'bazett').primary).toBe('1.25 mV');
    expect(marchTimesS(caliper('march', 0.5, 1.5), 10)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
  });
});
