/**
 * T-wave peak and end on the median beat. The end is found per lead by the area-curve method
 * (area-curve.ts) and the global end is the median over the leads with a clear T wave, as the
 * experts' global mark is the consensus of their marks per lead.
 */
import { medianClearBoundary, waveEnd } from './area-curve.ts';

/** Trailing window of the area curve, tuned on LUDB records 1–100 (bench/measurements.ts). */
const AREA_WINDOW_S = 0.13;
/** A lead's T wave counts when its area is at least this fraction of the clearest lead's. */
const CLEAR_T_FRACTION = 0.3;
/** Area is summed from this long after the J point, so the QRS tail never enters it. */
const AFTER_J_S = 0.04;

export interface TWaveSearch {
  /** QRS offset (J point), samples from the start of the median beat. */
  qrsOffset: number;
  /** First sample where the T peak may lie. */
  from: number;
  /** Last sample where the T wave may end. */
  to: number;
}

export type TWaveResult = { tPeak: number; tOffset: number } | { absent: string };

/**
 * `leads`: smoothed median beats; `levels`: each lead's isoelectric level. The T peak is the
 * largest lead-RMS deviation between `from` and the T end.
 */
export function delineateTWave(leads: readonly Float64Array[], levels: readonly number[], search: TWaveSearch, sampleRateHz: number): TWaveResult {
  const window = Math.max(3, Math.round(AREA_WINDOW_S * sampleRateHz));
  if (search.to - search.from < window) return { absent: 'the beat is too short to hold a T wave before the next beat' };
  const areaFrom = search.qrsOffset + Math.round(AFTER_J_S * sampleRateHz);
  const ends = leads.map((lead, l) => waveEnd(lead, levels[l], { peakFrom: search.from, peakTo: search.to, searchTo: search.to, areaFrom, window }));
  const tOffset = medianClearBoundary(ends, CLEAR_T_FRACTION);
  if (tOffset === undefined) return { absent: 'no T wave between the ST segment and the next beat' };
  if (tOffset >= search.to) return { absent: 'the T wave does not end before the next beat' };
  let tPeak = -1;
  let peakSquares = 0;
  for (let k = search.from; k < tOffset; k++) {
    let squares = 0;
    for (let l = 0; l < leads.length; l++) squares += (leads[l][k] - levels[l]) ** 2;
    if (squares > peakSquares) {
      peakSquares = squares;
      tPeak = k;
    }
  }
  if (tPeak < 0) return { absent: 'no T-wave peak between the ST segment and the T-wave end' };
  return { tPeak, tOffset };
}
