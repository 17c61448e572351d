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

/** The template's energy, the sum of its squared values lead after lead. */
function templateEnergy(template: readonly Float64Array[]): number {
  let tt = 0;
  for (const t of template) for (let k = 0; k < t.length; k++) tt += t[k] * t[k];
  return tt;
}

/**
 * Pearson correlation, over all leads together, of the segment centred at `centre` with the
 * (mean-removed) template of energy `tt`. Near the record's ends the segment repeats its edge samples.
 */
function correlation(leads: readonly Float64Array[], template: readonly Float64Array[], tt: number, centre: number, half: number): number {
  let dot = 0;
  let ss = 0;
  const length = 2 * half + 1;
  for (let l = 0; l < leads.length; l++) {
    const lead = leads[l];
    const t = template[l];
    const last = lead.length - 1;
    const from = centre - half;
    const inside = from >= 0 && from + length - 1 <= last;
    let mean = 0;
    if (inside) for (let k = 0; k < length; k++) mean += lead[from + k];
    else for (let k = 0; k < length; k++) mean += lead[Math.min(last, Math.max(0, from + k))];
    mean /= length;
    if (inside) {
      for (let k = 0; k < length; k++) {
        const v = lead[from + k] - mean;
        dot += v * t[k];
        ss += v * v;
      }
    } else {
      for (let k = 0; k < length; k++) {
        const v = lead[Math.min(last, Math.max(0, from + k))] - mean;
        dot += v * t[k];
        ss += v * v;
      }
    }
  }
  return ss > 0 && tt > 0 ? dot / Math.sqrt(ss * tt) : 0;
}

/**
 * `correlation` at `centre` and at `centre + 1` at once, both segments wholly inside the record:
 * the two shifts' sums are independent and overlap in the processor, each computed as alone.
 */
function correlationPair(leads: readonly Float64Array[], template: readonly Float64Array[], tt: number, centre: number, half: number): [number, number] {
  let dotA = 0;
  let ssA = 0;
  let dotB = 0;
  let ssB = 0;
  const length = 2 * half + 1;
  const from = centre - half;
  for (let l = 0; l < leads.length; l++) {
    const lead = leads[l];
    const t = template[l];
    let meanA = 0;
    let meanB = 0;
    for (let k = 0; k < length; k++) {
      meanA += lead[from + k];
      meanB += lead[from + 1 + k];
    }
    meanA /= length;
    meanB /= length;
    for (let k = 0; k < length; k++) {
      const a = lead[from + k] - meanA;
      dotA += a * t[k];
      ssA += a * a;
      const b = lead[from + 1 + k] - meanB;
      dotB += b * t[k];
      ssB += b * b;
    }
  }
  return [ssA > 0 && tt > 0 ? dotA / Math.sqrt(ssA * tt) : 0, ssB > 0 && tt > 0 ? dotB / Math.sqrt(ssB * tt) : 0];
}

/**
 * `leads`: band-limited leads (baseline removed) sharing the detector's sample grid;
 * `qrsIndices`: detected QRS positions in time order.
 */
export function classifyBeats(leads: readonly Float64Array[], qrsIndices: readonly number[], sampleRateHz: number): TypedBeat[] {
  const half = Math.max(2, Math.round(QRS_HALF_WINDOW_S * sampleRateHz));
  const maxShift = Math.max(1, Math.round(MAX_SHIFT_S * sampleRateHz));
  const segmentLength = 2 * half + 1;
  const length = Math.min(...leads.map((lead) => lead.length));
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
  const alignTo = (template: Float64Array[], centres: readonly number[], maxShift: number) => {
    const tt = templateEnergy(template);
    return centres.map((q) => {
      let bestIndex = q;
      let best = -Infinity;
      const consider = (c: number, index: number) => {
        if (c > best) {
          best = c;
          bestIndex = index;
        }
      };
      for (let shift = -maxShift; shift <= maxShift; shift++) {
        const from = q + shift - half;
        // The pair's second segment ends at from + segmentLength.
        if (shift < maxShift && from >= 0 && from + segmentLength < length) {
          const [c, next] = correlationPair(leads, template, tt, q + shift, half);
          consider(c, q + shift);
          consider(next, q + shift + 1);
          shift++;
        } else {
          consider(correlation(leads, template, tt, q + shift, half), q + shift);
        }
      }
      return { index: bestIndex, correlation: best };
    });
  };
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
