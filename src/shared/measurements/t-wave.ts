/**
 * T-wave peak and end on the median beat. The end is found per lead by the area-curve method
 * (area-curve.ts) and the global end is the median over the leads with a clear T wave, as the
 * experts' global mark is the consensus of their marks per lead. A biphasic or notched T wave
 * ends after its second lobe, where the area curve alone ends it partway up that lobe; with one
 * or two clear leads, a lead whose T lasts as long as the other lead's second lobe counts for it.
 */
import { clearBoundaryTest, medianClearBoundary, waveEnd, type WaveBoundary } from './area-curve.ts';
import { median } from './filters.ts';

/** Trailing window of the area curve, tuned on LUDB records 1–100 (bench/measurements.ts). */
const AREA_WINDOW_S = 0.13;
/** A lead's T wave counts when its area is at least this fraction of the clearest lead's. */
const CLEAR_T_FRACTION = 0.3;
/** Area is summed from this long after the J point, so the QRS tail never enters it. */
const AFTER_J_S = 0.04;

/**
 * Second T lobe, all measured from the T–P level (tp-segment.ts). The first lobe's end is still
 * on a steep slope (at least this fraction of its steepest fall), as where the signal swings on
 * through the T–P level into a lobe of the other sign instead of settling there.
 */
const SECOND_LOBE_SLOPE_FRACTION = 0.3;
/** The second lobe peaks within this long of the first lobe's end ... */
const SECOND_LOBE_WITHIN_S = 0.15;
/** ... reaches at least this fraction of the first lobe's height ... */
const SECOND_LOBE_FRACTION = 0.15;
/** ... and falls back under half its height within this long: a U wave is broader. */
const SECOND_LOBE_HALF_FALL_S = 0.12;
/** Its end lies at most this long after that half-height point. */
const SECOND_LOBE_END_S = 0.04;
/**
 * A second lobe moves the T end only when at least this share of the clear leads show it: it is a
 * shape of the whole repolarization, whereas a U wave, a baseline swing after T or a mis-levelled
 * lead shows in some leads only. On LUDB's 12 leads it never holds (the experts there end T before
 * such lobes); on 2-lead Holter records (QTDB) it ends a biphasic T after its second lobe.
 */
const SECOND_LOBE_LEAD_SHARE = 0.75;
/**
 * With fewer clear leads than this, a median cannot outvote one lead, and a biphasic T may show
 * its second lobe in one lead only while the other lead's T simply lasts as long (2-lead Holter,
 * QTDB sel114, sel221). There a clear lead without a second lobe also counts for it when its own T
 * ends past midway between the lobed leads' first- and second-lobe ends. With more leads this is
 * not done: on LUDB a U wave in a few leads plus a few late-ending leads would then win.
 */
const FEW_LEADS = 3;

export interface TWaveSearch {
  /** QRS offset (J point), samples from the start of the median beat. */
  qrsOffset: number;
  /** First sample where the T peak may lie. */
  from: number;
  /** Last sample where the T wave may end. */
  to: number;
}

export type TWaveResult = { tPeak: number; tOffset: number } | { absent: string };

/** The end of a second T lobe of the other sign after `firstEnd`, or undefined when there is none. */
function secondLobeEnd(x: Float64Array, level: number, tpLevel: number, firstEnd: number, search: TWaveSearch, window: number, fs: number): number | undefined {
  let peak = search.from;
  for (let k = search.from; k <= search.to; k++) if (Math.abs(x[k] - level) > Math.abs(x[peak] - level)) peak = k;
  const polarity = x[peak] >= level ? 1 : -1;
  const firstHeight = polarity * (x[peak] - tpLevel);
  if (!(firstHeight > 0) || firstEnd >= search.to) return undefined;
  let steepest = 0;
  for (let k = peak + 1; k <= firstEnd; k++) steepest = Math.max(steepest, Math.abs(x[k] - x[k - 1]));
  const slopeAtEnd = Math.abs(x[firstEnd + 1] - x[firstEnd - 1]) / 2;
  if (slopeAtEnd < SECOND_LOBE_SLOPE_FRACTION * steepest) return undefined;
  let secondPeak = -1;
  let secondHeight = 0;
  const last = Math.min(search.to, firstEnd + Math.round(SECOND_LOBE_WITHIN_S * fs));
  for (let k = firstEnd + 1; k <= last; k++) {
    if (-polarity * (x[k] - tpLevel) > secondHeight) {
      secondHeight = -polarity * (x[k] - tpLevel);
      secondPeak = k;
    }
  }
  if (secondPeak < 0 || secondHeight < SECOND_LOBE_FRACTION * firstHeight) return undefined;
  let halfFall = secondPeak;
  while (halfFall < search.to && -polarity * (x[halfFall] - tpLevel) > secondHeight / 2) halfFall++;
  if (halfFall >= search.to || halfFall - secondPeak > Math.round(SECOND_LOBE_HALF_FALL_S * fs)) return undefined;
  const end = waveEnd(x, tpLevel, {
    peakFrom: firstEnd,
    peakTo: secondPeak,
    searchTo: Math.min(search.to, halfFall + Math.round(SECOND_LOBE_END_S * fs)),
    areaFrom: firstEnd,
    window,
    polarity: polarity === 1 ? -1 : 1,
  });
  return end?.index;
}

/**
 * `leads`: smoothed median beats; `levels`: each lead's isoelectric (PR) level; `tpLevels`: each
 * lead's T–P level, when the beat holds one. The T peak is the largest lead-RMS deviation between
 * `from` and the T end.
 */
export function delineateTWave(
  leads: readonly Float64Array[],
  levels: readonly number[],
  search: TWaveSearch,
  sampleRateHz: number,
  tpLevels?: readonly number[]
): TWaveResult {
  const window = Math.max(3, Math.round(AREA_WINDOW_S * sampleRateHz));
  if (search.to - search.from < window) return { absent: 'the beat is too short to hold a T wave before the next beat' };
  const areaFrom = search.qrsOffset + Math.round(AFTER_J_S * sampleRateHz);
  const firstEnds = leads.map((lead, l) => waveEnd(lead, levels[l], { peakFrom: search.from, peakTo: search.to, searchTo: search.to, areaFrom, window }));
  const isClear = clearBoundaryTest(firstEnds, CLEAR_T_FRACTION);
  const clearLeads = firstEnds.filter(isClear).length;
  const secondEnds = firstEnds.map((b, l) => (isClear(b) && tpLevels ? secondLobeEnd(leads[l], levels[l], tpLevels[l], b.index, search, window, sampleRateHz) : undefined));
  const lobeLeads = firstEnds.flatMap((b, l) => (isClear(b) && secondEnds[l] !== undefined ? [{ first: b.index, second: secondEnds[l] }] : []));
  // Midway between where the lobed leads' first and second lobes end: a lead without a second
  // lobe whose T lasts past it has not ended with their first lobe.
  const midway = ((median(lobeLeads.map((e) => e.first)) ?? Infinity) + (median(lobeLeads.map((e) => e.second)) ?? Infinity)) / 2;
  const lastingLeads = clearLeads < FEW_LEADS ? firstEnds.filter((b, l) => isClear(b) && secondEnds[l] === undefined && b.index >= midway).length : 0;
  const useSecond = lobeLeads.length > 0 && lobeLeads.length + lastingLeads >= SECOND_LOBE_LEAD_SHARE * clearLeads;
  const ends = useSecond ? firstEnds.map((b, l): WaveBoundary | undefined => (b && secondEnds[l] !== undefined ? { index: secondEnds[l], area: b.area } : b)) : firstEnds;
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
