/**
 * P wave on the median beat. Presence: the leads' RMS deviation from their PR-segment level must
 * peak clearly inside the search window (atrial fibrillation, flutter or a junctional rhythm leave
 * no such peak, and P is then absent with that reason). Onset and offset: per lead by the
 * area-curve method (area-curve.ts), the median over the leads with a clear P wave.
 */
import { medianClearBoundary, waveEnd } from './area-curve.ts';

/** Below this RMS deviation across leads (µV) no P wave is claimed. */
const P_MINIMUM_UV = 15;
/** Window of the area curve, tuned on LUDB records 1–100 (bench/measurements.ts). */
const AREA_WINDOW_S = 0.08;
/** A lead's P wave counts when its area is at least this fraction of the clearest lead's. */
const CLEAR_P_FRACTION = 0.3;
/** Each lead's P peak is looked for this close to the RMS peak. */
const LEAD_PEAK_S = 0.04;

export interface PWaveSearch {
  /** Earliest sample of the P wave (after the previous T wave). */
  from: number;
  /** Latest sample of the P wave (before the QRS onset). */
  to: number;
}

export type PWaveResult = { pOnset: number; pOffset: number } | { absent: string };

/** `leads`: smoothed median beats; `levels`: each lead's isoelectric level before the QRS. */
export function delineatePWave(leads: readonly Float64Array[], levels: readonly number[], search: PWaveSearch, sampleRateHz: number): PWaveResult {
  const { from, to } = search;
  let pPeak = from;
  let peakSquares = -1;
  for (let k = from; k <= to; k++) {
    let squares = 0;
    for (let l = 0; l < leads.length; l++) squares += (leads[l][k] - levels[l]) ** 2;
    if (squares > peakSquares) {
      peakSquares = squares;
      pPeak = k;
    }
  }
  if (Math.sqrt(peakSquares / leads.length) < P_MINIMUM_UV || pPeak === from || pPeak === to) return { absent: 'no P wave in the median beat' };
  const window = Math.max(3, Math.round(AREA_WINDOW_S * sampleRateHz));
  const near = Math.round(LEAD_PEAK_S * sampleRateHz);
  const peakFrom = Math.max(from + 1, pPeak - near);
  const peakTo = Math.min(to - 1, pPeak + near);
  // The onset is the end of the time-reversed wave.
  const span = to - from;
  const reversed = new Float64Array(span + 1);
  const onsets = leads.map((lead, l) => {
    for (let i = 0; i <= span; i++) reversed[i] = lead[to - i];
    const end = waveEnd(reversed, levels[l], { peakFrom: to - peakTo, peakTo: to - peakFrom, searchTo: span, areaFrom: 0, window });
    return end && { index: to - end.index, area: end.area };
  });
  const offsets = leads.map((lead, l) => waveEnd(lead, levels[l], { peakFrom, peakTo, searchTo: to, areaFrom: from, window }));
  const pOnset = medianClearBoundary(onsets, CLEAR_P_FRACTION);
  const pOffset = medianClearBoundary(offsets, CLEAR_P_FRACTION);
  if (pOnset === undefined || pOnset <= from) return { absent: 'the P wave has no clear onset after the previous T wave' };
  if (pOffset === undefined) return { absent: 'the P wave has no clear end before the QRS' };
  return { pOnset, pOffset };
}
