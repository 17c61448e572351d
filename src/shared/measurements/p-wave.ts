/**
 * P wave on the median beat. Each lead is first levelled by the straight line from its level at
 * the flattest point early in the search (TP segment) to its level at QRS onset (PR segment), so
 * a PR-segment shift or a slanted baseline is not taken for a wave. Presence: the leads' RMS
 * deviation from that line must peak clearly inside the window (atrial fibrillation, flutter or a
 * junctional rhythm leave no such peak, and P is then absent with that reason; p-wave-consistency.ts
 * checks the rest against the single beats). Offset: per lead by the area-curve method
 * (area-curve.ts), the median over the leads with a clear P wave. Onset: the same median, or the
 * onset of the leads' RMS deviation (the spatial P) where that is earlier: atrial activity begins
 * where the first lead leaves its baseline, and with few leads (a 2-lead Holter) the median of their
 * onsets falls halfway to the later one. The median still bounds it because the RMS of a biphasic P
 * can dip at its zero crossing and end the spatial onset inside the wave. At a fast rate the P can
 * rise out of the previous T's tail with no flat TP segment between, and the flattest point then
 * lies inside the P; an onset found within that TP stretch is cut there and is searched back to the
 * start of the search window instead.
 */
import { medianClearBoundary, waveEnd, type WaveBoundary } from './area-curve.ts';

/** Below this RMS deviation across leads (µV) no P wave is claimed. */
const P_MINIMUM_UV = 15;
/** Window of the area curve, tuned on LUDB records 1–100 (bench/measurements.ts). */
const AREA_WINDOW_S = 0.07;
/** A lead's P wave counts when its area is at least this fraction of the clearest lead's. */
const CLEAR_P_FRACTION = 0.3;
/** An earlier lobe of opposite sign starts the P wave when its area is at least this fraction of the larger's. */
const FIRST_LOBE_FRACTION = 0.3;
/** Each lead's P peak is looked for this close to the RMS peak. */
const LEAD_PEAK_S = 0.06;
/** The TP level is the mean over this long at the flattest point early in the search. */
const TP_LEVEL_S = 0.01;

export interface PWaveSearch {
  /** Earliest sample of the P wave (after the previous T wave). */
  from: number;
  /** Latest sample of the P wave (before the QRS onset). */
  to: number;
}

export type PWaveResult = { pOnset: number; pOffset: number } | { absent: string };

/**
 * The flattest sample (least squared slope summed over leads and `width` samples) in the first half
 * of [from, to]: the TP segment, past the tail of the previous T wave.
 */
function tpAnchor(leads: readonly Float64Array[], from: number, to: number, width: number): number {
  const half = from + ((to - from) >> 1);
  let best = from;
  let bestSlope = Infinity;
  for (let k = from; k + width <= half; k++) {
    let slope = 0;
    for (const lead of leads) {
      const d = lead[k + width] - lead[k];
      slope += d * d;
    }
    if (slope < bestSlope) {
      bestSlope = slope;
      best = k;
    }
  }
  return best;
}

/**
 * `lead` over [from, to], minus the line from its TP level (mean of `tpWidth` samples from `anchor`)
 * to `prLevel` at `to`, extended back before the anchor.
 */
function levelledSegment(lead: Float64Array, prLevel: number, range: { from: number; anchor: number; to: number }, tpWidth: number): Float64Array {
  const { from, anchor, to } = range;
  let tpSum = 0;
  for (let k = anchor; k < anchor + tpWidth; k++) tpSum += lead[k];
  const tpLevel = tpSum / tpWidth;
  const span = to - anchor;
  const out = new Float64Array(to - from + 1);
  for (let i = 0; i < out.length; i++) out[i] = lead[from + i] - (tpLevel + ((prLevel - tpLevel) * (from + i - anchor)) / span);
  return out;
}

/** Onset of the wave peaking in [peakFrom, peakTo] of `x` (levelled): the end of the time-reversed wave, the first lobe of a biphasic one. */
function onsetOf(x: Float64Array, reversed: Float64Array, peakFrom: number, peakTo: number, window: number): WaveBoundary | undefined {
  const last = x.length - 1;
  for (let i = 0; i <= last; i++) reversed[i] = x[last - i];
  const lobe = (polarity: 1 | -1) => {
    const end = waveEnd(reversed, 0, { peakFrom: last - peakTo, peakTo: last - peakFrom, searchTo: last, areaFrom: 0, window, polarity });
    return end && { index: last - end.index, area: end.area };
  };
  const up = lobe(1);
  const down = lobe(-1);
  if (!up || !down) return up ?? down;
  const [first, second] = up.index < down.index ? [up, down] : [down, up];
  return first.area >= FIRST_LOBE_FRACTION * second.area ? { index: first.index, area: Math.max(first.area, second.area) } : second;
}

/** Onset of the RMS deviation `rms` peaking in [peakFrom, peakTo]: the end of the time-reversed curve. */
function spatialOnset(rms: Float64Array, peakFrom: number, peakTo: number, window: number): number | undefined {
  const last = rms.length - 1;
  const reversed = new Float64Array(last + 1);
  for (let i = 0; i <= last; i++) reversed[i] = rms[last - i];
  const end = waveEnd(reversed, 0, { peakFrom: last - peakTo, peakTo: last - peakFrom, searchTo: last, areaFrom: 0, window, polarity: 1 });
  return end && last - end.index;
}

/** The P wave on the median beat, levelled from the TP level at `anchor`, its onset searched back to `from`. */
function delineateFrom(
  leads: readonly Float64Array[],
  levels: readonly number[],
  range: { from: number; anchor: number; to: number },
  tpWidth: number,
  sampleRateHz: number
): PWaveResult {
  const { from, to } = range;
  const anchor = range.anchor - from;
  const segments = leads.map((lead, l) => levelledSegment(lead, levels[l], { from, anchor: range.anchor, to }, tpWidth));
  const last = to - from;
  const rms = new Float64Array(last + 1);
  let pPeak = anchor;
  for (let i = 0; i <= last; i++) {
    let squares = 0;
    for (const segment of segments) squares += segment[i] * segment[i];
    rms[i] = Math.sqrt(squares / leads.length);
    if (i >= anchor && rms[i] > rms[pPeak]) pPeak = i;
  }
  if (rms[pPeak] < P_MINIMUM_UV || pPeak === anchor || pPeak === last) return { absent: 'no P wave in the median beat' };
  const window = Math.max(3, Math.round(AREA_WINDOW_S * sampleRateHz));
  const near = Math.round(LEAD_PEAK_S * sampleRateHz);
  const peakFrom = Math.max(anchor + 1, pPeak - near);
  const peakTo = Math.min(last - 1, pPeak + near);
  const reversed = new Float64Array(last + 1);
  const onsets = segments.map((segment) => onsetOf(segment, reversed, peakFrom, peakTo, window));
  const offsets = segments.map((segment) => waveEnd(segment, 0, { peakFrom, peakTo, searchTo: last, areaFrom: 0, window }));
  const leadOnset = medianClearBoundary(onsets, CLEAR_P_FRACTION);
  const spatial = spatialOnset(rms, peakFrom, peakTo, window);
  const pOnset = leadOnset === undefined || spatial === undefined ? leadOnset : Math.min(leadOnset, spatial);
  const pOffset = medianClearBoundary(offsets, CLEAR_P_FRACTION);
  if (pOnset === undefined || pOnset <= 0) return { absent: 'the P wave has no clear onset after the previous T wave' };
  if (pOffset === undefined) return { absent: 'the P wave has no clear end before the QRS' };
  return { pOnset: from + pOnset, pOffset: from + pOffset };
}

/**
 * `leads`: smoothed median beats; `levels`: each lead's isoelectric level before the QRS. An onset
 * within the stretch the TP level was averaged over means that stretch lay inside the P wave (at a
 * fast rate the P rises out of the previous T's tail with no flat TP segment between), so the
 * onset was cut there: it is then searched back to the start of the search window, the P still
 * levelled by the same line.
 */
export function delineatePWave(leads: readonly Float64Array[], levels: readonly number[], search: PWaveSearch, sampleRateHz: number): PWaveResult {
  const tpWidth = Math.max(1, Math.round(TP_LEVEL_S * sampleRateHz));
  const anchor = tpAnchor(leads, search.from, search.to, tpWidth);
  const fromAnchor = delineateFrom(leads, levels, { from: anchor, anchor, to: search.to }, tpWidth, sampleRateHz);
  if ('absent' in fromAnchor || fromAnchor.pOnset - anchor > tpWidth || anchor === search.from) return fromAnchor;
  const fromSearchStart = delineateFrom(leads, levels, { from: search.from, anchor, to: search.to }, tpWidth, sampleRateHz);
  return 'absent' in fromSearchStart ? fromAnchor : fromSearchStart;
}
