/**
 * Per-beat delineation. Each beat starts from the median beat's global fiducials placed at its
 * own aligned QRS; each fiducial is then refined by aligning the beat's multi-lead signal to the
 * template (the sample-wise median of the template beats) in a short window around that
 * fiducial. The shift is kept only where the match is good; otherwise the fiducial stays where
 * the median beat puts it. So a QT that follows RR, or a PR that varies, shows beat by beat,
 * while a beat that matches poorly (noise, a changed shape) keeps the median beat's fiducials.
 */
import type { FiducialIndices } from './delineation.ts';
import { medianInPlace } from './filters.ts';

export type FiducialName = keyof FiducialIndices;

/** How one fiducial is refined: its window around the fiducial and the largest shift searched, seconds. */
interface Refinement {
  fromS: number;
  toS: number;
  maxShiftS: number;
  /** The shift is kept only where the shifted beat correlates at least this well with the template. */
  minCorrelation: number;
}

/**
 * Each fiducial's window holds the wave's flank and the baseline beside it, so the match is
 * driven by where the wave starts or ends (the QRS offset's window reaches into the QRS tail, not
 * the ST segment, whose slow slope matches poorly). Chosen on LUDB 1–100 (bench/measurements.ts).
 */
const REFINEMENTS: Record<FiducialName, Refinement> = {
  pOnset: { fromS: -0.03, toS: 0.08, maxShiftS: 0.04, minCorrelation: 0.8 },
  pOffset: { fromS: -0.08, toS: 0.03, maxShiftS: 0.04, minCorrelation: 0.8 },
  qrsOnset: { fromS: -0.03, toS: 0.03, maxShiftS: 0.02, minCorrelation: 0.8 },
  qrsOffset: { fromS: -0.05, toS: 0.02, maxShiftS: 0.02, minCorrelation: 0.8 },
  tPeak: { fromS: -0.08, toS: 0.08, maxShiftS: 0.04, minCorrelation: 0.8 },
  tOffset: { fromS: -0.1, toS: 0.04, maxShiftS: 0.04, minCorrelation: 0.8 },
};

/** The order the fiducials of one beat must keep. */
const ORDER: readonly FiducialName[] = ['pOnset', 'pOffset', 'qrsOnset', 'qrsOffset', 'tPeak', 'tOffset'];

/** One fiducial of one beat: fractional sample of the record; `refined` when the beat's own shape placed it. */
export interface BeatFiducial {
  sample: number;
  refined: boolean;
}

export type BeatFiducials = Partial<Record<FiducialName, BeatFiducial>>;

export interface BeatDelineationInput {
  /** Band-limited rhythm leads (baseline removed), the grid the beat indices live on. */
  leads: readonly Float64Array[];
  /** Every beat's aligned QRS position, in time order. */
  beatIndices: readonly number[];
  /** Which of them to delineate (the beats of the median beat's morphology). */
  delineate: readonly boolean[];
  /** The beats the median beat was formed from. */
  templateIndices: readonly number[];
  /** The median beat's fiducials, samples from its start. */
  fiducials: FiducialIndices;
  /** The aligned QRS position in the median beat. */
  rIndex: number;
  sampleRateHz: number;
}

interface Template {
  /** Window start relative to the fiducial, and the window's span, samples. */
  from: number;
  length: number;
  /** Every `stride`-th sample of the window is compared. */
  stride: number;
  count: number;
  maxShift: number;
  /** Per lead, `count` mean-removed values, concatenated. */
  samples: Float64Array;
  energy: number;
  minCorrelation: number;
}

/**
 * The leads are band-limited to 40 Hz, so comparing every sample above 250 Hz adds time, not
 * information.
 */
const COMPARED_RATE_HZ = 250;

function buildTemplate(
  leads: readonly Float64Array[],
  centres: readonly number[],
  window: { from: number; length: number; maxShift: number; stride: number },
  minCorrelation: number
): Template | undefined {
  const { from, length, maxShift, stride } = window;
  const n = leads[0]?.length ?? 0;
  const inside = centres.filter((c) => c + from - maxShift >= 0 && c + from + length + maxShift <= n);
  if (inside.length === 0) return undefined;
  const count = Math.ceil(length / stride);
  const samples = new Float64Array(count * leads.length);
  const column = new Float64Array(inside.length);
  leads.forEach((lead, l) => {
    let mean = 0;
    for (let i = 0; i < count; i++) {
      for (let b = 0; b < inside.length; b++) column[b] = lead[inside[b] + from + i * stride];
      const value = medianInPlace(column, inside.length);
      samples[l * count + i] = value;
      mean += value;
    }
    mean /= count;
    for (let i = 0; i < count; i++) samples[l * count + i] -= mean;
  });
  let energy = 0;
  for (const v of samples) energy += v * v;
  return energy > 0 ? { ...window, count, samples, energy, minCorrelation } : undefined;
}

/**
 * Pearson correlation, over all leads together (each lead's mean removed), with the template of
 * the window starting at `first + j`, for every shift j < `scores.length`, into `scores`. Lead by
 * lead, two shifts share one pass: their sums are independent and overlap in the processor, and
 * each shift's arithmetic, lead after lead, is the same as it would be alone.
 */
function correlationsFrom(leads: readonly Float64Array[], template: Template, first: number, scores: Float64Array): void {
  const { count, stride, samples } = template;
  const shifts = scores.length;
  const dot = new Float64Array(shifts);
  const energy = new Float64Array(shifts);
  for (let l = 0; l < leads.length; l++) {
    const lead = leads[l];
    const offset = l * count;
    for (let j = 0; j < shifts; j += 2) {
      const start = first + j;
      // The last, unpaired shift reads its own window twice.
      const pairStart = j + 1 < shifts ? start + 1 : start;
      let sumA = 0;
      let squaresA = 0;
      let crossA = 0;
      let sumB = 0;
      let squaresB = 0;
      let crossB = 0;
      for (let i = 0; i < count; i++) {
        const t = samples[offset + i];
        const a = lead[start + i * stride];
        sumA += a;
        squaresA += a * a;
        crossA += a * t;
        const b = lead[pairStart + i * stride];
        sumB += b;
        squaresB += b * b;
        crossB += b * t;
      }
      // The template is mean-removed, so the beat's own mean drops out of the cross term.
      dot[j] += crossA;
      energy[j] += squaresA - (sumA * sumA) / count;
      if (j + 1 < shifts) {
        dot[j + 1] += crossB;
        energy[j + 1] += squaresB - (sumB * sumB) / count;
      }
    }
  }
  for (let j = 0; j < shifts; j++) scores[j] = energy[j] > 0 ? dot[j] / Math.sqrt(energy[j] * template.energy) : 0;
}

/**
 * The beat's shift (fractional samples) that best matches the template around a fiducial placed
 * at `at`, or undefined where the match is poor or its best lies at the edge of the search (the
 * true optimum would lie outside it).
 */
function bestShift(leads: readonly Float64Array[], template: Template, at: number): number | undefined {
  const n = leads[0].length;
  const first = at + template.from - template.maxShift;
  if (first < 0 || first + template.length + 2 * template.maxShift > n) return undefined;
  const scores = new Float64Array(2 * template.maxShift + 1);
  correlationsFrom(leads, template, first, scores);
  let best = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  if (scores[best] < template.minCorrelation || best === 0 || best === scores.length - 1) return undefined;
  // A parabola through the best score and its neighbours places the peak between samples.
  const left = scores[best - 1];
  const right = scores[best + 1];
  const curvature = left - 2 * scores[best] + right;
  const fraction = curvature < 0 ? (0.5 * (left - right)) / curvature : 0;
  return best - template.maxShift + fraction;
}

/**
 * Fiducials of every beat (undefined for beats not delineated), in record samples. A beat keeps a
 * refined fiducial only where the refined fiducials keep their physiological order; the T wave
 * must end before the next beat's QRS starts, or the beat has no T end (nor T peak, if that too
 * lies beyond).
 */
export function delineateBeats(input: BeatDelineationInput): (BeatFiducials | undefined)[] {
  const { leads, beatIndices, delineate, templateIndices, fiducials, rIndex, sampleRateHz: fs } = input;
  const templates: Partial<Record<FiducialName, Template>> = {};
  const stride = Math.max(1, Math.floor(fs / COMPARED_RATE_HZ));
  if (leads.length > 0) {
    for (const name of ORDER) {
      const refinement = REFINEMENTS[name];
      const position = fiducials[name];
      if (position === undefined) continue;
      const from = Math.round(refinement.fromS * fs);
      const length = Math.round(refinement.toS * fs) - from + 1;
      const maxShift = Math.max(1, Math.round(refinement.maxShiftS * fs));
      const centres = templateIndices.map((index) => index + position - rIndex);
      const template = buildTemplate(leads, centres, { from, length, maxShift, stride }, refinement.minCorrelation);
      if (template) templates[name] = template;
    }
  }
  const perBeat = beatIndices.map((index, b) => {
    if (!delineate[b]) return undefined;
    const beat: BeatFiducials = {};
    for (const name of ORDER) {
      const position = fiducials[name];
      if (position === undefined) continue;
      const medianDerived = index + position - rIndex;
      const template = templates[name];
      const shift = template ? bestShift(leads, template, medianDerived) : undefined;
      beat[name] = shift === undefined ? { sample: medianDerived, refined: false } : { sample: medianDerived + shift, refined: true };
    }
    keepOrder(beat, index, fiducials, rIndex);
    return beat;
  });
  perBeat.forEach((beat, b) => {
    if (!beat || b + 1 >= beatIndices.length) return;
    // An ectopic next beat has no QRS onset of its own: the median beat's distance from R stands in.
    const nextOnset = perBeat[b + 1]?.qrsOnset?.sample ?? beatIndices[b + 1] + fiducials.qrsOnset - rIndex;
    for (const name of ['tOffset', 'tPeak'] as const) {
      const position = fiducials[name];
      if (beat[name]?.refined && (beat[name]?.sample ?? 0) >= nextOnset && position !== undefined) {
        beat[name] = { sample: beatIndices[b] + position - rIndex, refined: false };
      }
      if ((beat[name]?.sample ?? -Infinity) >= nextOnset) delete beat[name];
    }
  });
  return perBeat;
}

/** Refined fiducials that cross a neighbour go back to the median beat's positions (which keep the order), until none cross. */
function keepOrder(beat: BeatFiducials, index: number, fiducials: FiducialIndices, rIndex: number): void {
  const present = ORDER.filter((name) => beat[name] !== undefined);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i < present.length; i++) {
      const pair = [present[i - 1], present[i]];
      if ((beat[pair[1]] as BeatFiducial).sample > (beat[pair[0]] as BeatFiducial).sample) continue;
      for (const name of pair) {
        const position = fiducials[name];
        if (position === undefined || !beat[name]?.refined) continue;
        beat[name] = { sample: index + position - rIndex, refined: false };
        changed = true;
      }
    }
  }
}
