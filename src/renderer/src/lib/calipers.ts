/**
 * Calipers placed on the tracing, in signal units (seconds and millivolts on one lead) so they stay
 * put through changes of speed, gain and layout; and what each one reads.
 */
import { correctQt } from '../../../shared/measurements/qtc.ts';
import { QTC_FORMULA_LABELS, type QtcFormula } from './qtc.ts';

export const CALIPER_KINDS = ['time', 'rr', 'march', 'amplitude', 'qt'] as const;
export type CaliperKind = (typeof CALIPER_KINDS)[number];

export const CALIPER_LABELS: Record<CaliperKind, string> = {
  time: 'Time',
  rr: 'RR → HR',
  march: 'Marching',
  amplitude: 'Amplitude',
  qt: 'QT → QTc',
};

export interface Caliper {
  id: number;
  kind: CaliperKind;
  lead: string;
  /** Whether it measures the rhythm data or the median beats. */
  waveform: 'rhythm' | 'median';
  /** Placed on the rhythm strip rather than the lead's own cell. */
  onRhythmStrip: boolean;
  startS: number;
  endS: number;
  startMv: number;
  endMv: number;
}

export function intervalMs(caliper: Caliper): number {
  return Math.abs(caliper.endS - caliper.startS) * 1000;
}

/** The RR interval a QT caliper is corrected with: the latest RR-type caliper, else the device's RR or rate. */
export function rrForQtcMs(
  calipers: readonly Caliper[],
  deviceRrMs: number | undefined,
  deviceHeartRateBpm: number | undefined
): { rrMs: number; from: 'caliper' | 'device' } | null {
  const rr = [...calipers].reverse().find((c) => c.kind === 'rr' || c.kind === 'march');
  if (rr && intervalMs(rr) > 0) return { rrMs: intervalMs(rr), from: 'caliper' };
  if (deviceRrMs && deviceRrMs > 0) return { rrMs: deviceRrMs, from: 'device' };
  if (deviceHeartRateBpm && deviceHeartRateBpm > 0) return { rrMs: 60_000 / deviceHeartRateBpm, from: 'device' };
  return null;
}

export interface CaliperReading {
  /** Main figure, e.g. "800 ms" or "1.20 mV". */
  primary: string;
  /** Derived figures, e.g. "75 bpm" or "QTc 447 ms (Bazett)". */
  secondary: string[];
}

export function readCaliper(
  caliper: Caliper,
  rr: { rrMs: number; from: 'caliper' | 'device' } | null,
  siteFormula: QtcFormula
): CaliperReading {
  if (caliper.kind === 'amplitude') {
    return { primary: `${Math.abs(caliper.endMv - caliper.startMv).toFixed(2)} mV`, secondary: [] };
  }
  const ms = intervalMs(caliper);
  const primary = `${Math.round(ms)} ms`;
  if (ms <= 0) return { primary, secondary: [] };
  switch (caliper.kind) {
    case 'time':
      return { primary, secondary: [] };
    case 'rr':
    case 'march':
      return { primary, secondary: [`${Math.round(60_000 / ms)} bpm`] };
    case 'qt': {
      if (!rr) return { primary: `QT ${primary}`, secondary: ['QTc needs an RR caliper'] };
      const source = rr.from === 'caliper' ? 'RR caliper' : "device's RR";
      const formulas: QtcFormula[] = siteFormula === 'bazett' ? ['bazett'] : ['bazett', siteFormula];
      const qtcMs = correctQt(ms, rr.rrMs);
      return {
        primary: `QT ${primary}`,
        secondary: [
          ...formulas.map((f) => `QTc ${Math.round(qtcMs[f])} ms (${QTC_FORMULA_LABELS[f]})`),
          `RR ${Math.round(rr.rrMs)} ms from ${source}`,
        ],
      };
    }
  }
}

/** Times of the marching caliper's repeats across a window, from its first leg onwards. */
export function marchTimesS(caliper: Caliper, windowEndS: number): number[] {
  const stepS = Math.abs(caliper.endS - caliper.startS);
  const times: number[] = [];
  if (stepS < 0.05) return times;
  for (let t = Math.min(caliper.startS, caliper.endS); t <= windowEndS && times.length < 200; t += stepS) times.push(t);
  return times;
}
