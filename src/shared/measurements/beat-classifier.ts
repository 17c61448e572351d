/**
 * Beat alignment and typing against the record's dominant QRS morphology: each beat is moved to
 * its best cross-correlation with the QRS template (all leads together), then typed as dominant,
 * premature (dominant shape, early) or ectopic (another shape).
 */
import { median, medianInPlace } from './filters.ts';
import type { BeatType } from './types.ts';

const QRS_HALF_WINDOW_S = 0.06;
const MAX_SHIFT_S = 0.02;
const SAME_SHAPE_CORRELATION = 0.8;
const PREMATURE_FRACTION = 0.85;

export interface TypedBeat {
  index: number;
  type: BeatType;
}

function meanRemovedSegment(lead: Float64Array, centre: number, half: number): Float64Array {
  const out = new Float64Array(2 * half + 1);
  let mean = 0;
  for (let k = -half; k <= half; k++) {
    const v = lead[Math.min(lead.length - 1, Math.max(0, centre + k))];
    out[k + half] = v;
    mean += v;
  }
  mean /= out.length;
  for (let k = 0; k < out.length; k++) out[k] -= mean;
  return out;
}

/** Pearson correlation, over all leads together, of the segment centred at `centre` with the (mean-removed) template. */
function correlation(leads: readonly Float64Array[], template: readonly Float64Array[], centre: number, half: number): number {
  let dot = 0;
  let ss = 0;
  let tt = 0;
  const length = 2 * half + 1;
  for (let l = 0; l < leads.length; l++) {
    const lead = leads[l];
    const t = template[l];
    const last = lead.length - 1;
    let mean = 0;
    for (let k = 0; k < length; k++) mean += lead[Math.min(last, Math.max(0, centre - half + k))];
    mean /= length;
    for (let k = 0; k < length; k++) {
      const v = lead[Math.min(last, Math.max(0, centre - half + k))] - mean;
      dot += v * t[k];
      ss += v * v;
      tt += t[k] * t[k];
    }
  }
  return ss > 0 && tt > 0 ? dot / Math.sqrt(ss * tt) : 0;
}

/**
 * `leads`: band-limited leads (baseline removed) sharing the detector's sample grid;
 * `qrsIndices`: detected QRS positions in time order.
 */
export function classifyBeats(leads: readonly Float64Array[], qrsIndices: readonly number[], sampleRateHz: number): TypedBeat[] {
  const half = Math.max(2, Math.round(QRS_HALF_WINDOW_S * sampleRateHz));
  const maxShift = Math.max(1, Math.round(MAX_SHIFT_S * sampleRateHz));
  const segmentLength = 2 * half + 1;
  const templateAt = (centres: readonly number[]) =>
    leads.map((lead) => {
      const segments = centres.map((q) => meanRemovedSegment(lead, q, half));
      const t = new Float64Array(segmentLength);
      const column = new Float64Array(segments.length);
      for (let k = 0; k < segmentLength; k++) {
        for (let s = 0; s < segments.length; s++) column[s] = segments[s][k];
        t[k] = segments.length > 0 ? medianInPlace(column, segments.length) : 0;
      }
      return t;
    });
  const alignTo = (template: Float64Array[], centres: readonly number[], maxShift: number) =>
    centres.map((q) => {
      let bestIndex = q;
      let best = -Infinity;
      for (let shift = -maxShift; shift <= maxShift; shift++) {
        const c = correlation(leads, template, q + shift, half);
        if (c > best) {
          best = c;
          bestIndex = q + shift;
        }
      }
      return { index: bestIndex, correlation: best };
    });
  // Two passes: the second template is built from beats already aligned by the first.
  const firstPass = alignTo(templateAt(qrsIndices), qrsIndices, maxShift);
  const fineShift = Math.max(1, Math.round(maxShift / 3));
  const aligned = alignTo(templateAt(firstPass.map((b) => b.index)), firstPass.map((b) => b.index), fineShift);
  const rrs = aligned.slice(1).map((b, i) => b.index - aligned[i].index);
  const typicalRr = median(rrs);
  return aligned.map((beat, i) => {
    if (beat.correlation < SAME_SHAPE_CORRELATION) return { index: beat.index, type: 'ectopic' };
    const rrBefore = i > 0 ? beat.index - aligned[i - 1].index : undefined;
    const premature = typicalRr !== undefined && rrBefore !== undefined && rrBefore < PREMATURE_FRACTION * typicalRr;
    return { index: beat.index, type: premature ? 'premature' : 'dominant' };
  });
}
