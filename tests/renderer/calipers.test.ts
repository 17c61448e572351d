import { describe, expect, it } from 'vitest';
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

describe('QTc from calipers (the shared formulas)', () => {
  it('corrects QT 400 ms at RR 800 ms by the site formula, beside Bazett', () => {
    const rr = { rrMs: 800, from: 'caliper' as const };
    const qt = caliper('qt', 1, 1.4);
    // Bazett 400/√0.8 = 447.2, Fridericia 400/∛0.8 = 430.9, Framingham 400 + 154·0.2 = 430.8, Hodges 400 + 1.75·15 = 426.25.
    expect(readCaliper(qt, rr, 'bazett').secondary[0]).toBe('QTc 447 ms (Bazett)');
    expect(readCaliper(qt, rr, 'fridericia').secondary[1]).toBe('QTc 431 ms (Fridericia)');
    expect(readCaliper(qt, rr, 'framingham').secondary[1]).toBe('QTc 431 ms (Framingham)');
    expect(readCaliper(qt, rr, 'hodges').secondary[1]).toBe('QTc 426 ms (Hodges)');
    expect(readCaliper(caliper('rr', 0, 0.8), null, 'bazett').secondary).toEqual(['75 bpm']);
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
