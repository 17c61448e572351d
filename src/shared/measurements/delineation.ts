/**
 * Global delineation of the median beat across all usable leads. QRS onset and offset: where the
 * spatial velocity (the norm of all leads' slopes) leaves and returns to its isoelectric level; a
 * paced QRS, or one too wide to return, ends at the knee where its terminal slope meets the ST's.
 * The search windows for the T wave (t-wave.ts) and the P wave (p-wave.ts) follow from them and RR.
 */
import { derivative, movingAverage, quantile, zeroPhaseFilter } from './filters.ts';
import { SPIKE_TAIL_S } from './pacing-spikes.ts';
import { delineatePWave } from './p-wave.ts';
import { delineateTWave } from './t-wave.ts';
import { tpLevels } from './tp-segment.ts';

/** Fiducial positions in samples from the start of the median beat. */
export interface FiducialIndices {
  qrsOnset: number;
  qrsOffset: number;
  pOnset?: number;
  pOffset?: number;
  tPeak?: number;
  tOffset?: number;
}

export interface DelineationResult {
  fiducials?: FiducialIndices;
  /** Reasons for fiducials that could not be found. */
  absent: { p?: string; t?: string; qrs?: string };
}

/**
 * Thresholds as fractions of the QRS's own size, tuned on LUDB records 1–150 when they were set
 * (bench/measurements.ts); the QTDB subset was not used for tuning.
 */
const QRS_ONSET_FRACTION = 0.05;
const QRS_OFFSET_FRACTION = 0.08;
/** The spatial velocity must stay below the threshold this long to count as isoelectric. */
const ISOELECTRIC_S = 0.016;
/**
 * A paced QRS is followed by a sloped, discordant ST segment, so its spatial velocity does not
 * fall back to the isoelectric level at J: J is the knee where the QRS's terminal slope, last
 * above this fraction of the peak velocity, gives way to the gentler ST slope.
 */
const KNEE_FRACTION = 0.3;

/** The sample in [from, to] farthest below the chord joining the velocity at both ends: where a steep slope meets a gentle one. */
function kneeBelowChord(velocity: Float64Array, from: number, to: number): number {
  let knee = from;
  let deepest = 0;
  for (let k = from; k <= to; k++) {
    const chord = velocity[from] + ((velocity[to] - velocity[from]) * (k - from)) / Math.max(1, to - from);
    if (chord - velocity[k] > deepest) {
      deepest = chord - velocity[k];
      knee = k;
    }
  }
  return knee;
}

/** Paced and bundle-branch-block complexes reach 200 ms or more, their centre anywhere inside. */
const MAX_QRS_HALF_S = 0.2;
/**
 * `medianLeads`: median beats of the usable leads; `rIndex`: the aligned QRS position in them;
 * `rr`: the typical RR interval, which bounds the P-wave search, and a short one (a low quantile),
 * which bounds the T-wave search so that in an irregular rhythm the next QRS of the early beats,
 * present in the median beat, is not taken for a T wave.
 */
export function delineateMedianBeat(
  medianLeads: readonly Float32Array[],
  rIndex: number,
  sampleRateHz: number,
  rr: { typicalS: number; shortS: number },
  pacingSpike?: number
): DelineationResult {
  const rrS = rr.typicalS;
  const fs = sampleRateHz;
  const length = medianLeads[0]?.length ?? 0;
  if (medianLeads.length === 0 || length === 0) return { absent: { qrs: 'no usable lead for a median beat' } };
  const smooth = medianLeads.map((lead) => zeroPhaseFilter(lead, fs, { lowPassHz: 40 }));
  const slopes = smooth.map((lead) => derivative(lead, fs));
  const velocityRaw = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    let s = 0;
    for (const d of slopes) s += d[k] * d[k];
    velocityRaw[k] = Math.sqrt(s / slopes.length);
  }
  const velocity = movingAverage(velocityRaw, Math.max(1, Math.round(0.008 * fs)) | 1);

  // QRS: peak velocity near R, isoelectric velocity from the quietest tenth of the beat.
  const near = Math.round(0.06 * fs);
  let peak = rIndex;
  for (let k = Math.max(0, rIndex - near); k <= Math.min(length - 1, rIndex + near); k++) if (velocity[k] > velocity[peak]) peak = k;
  const floor = quantile(velocity, 0.1) ?? 0;
  const span = velocity[peak] - floor;
  if (!(span > 0)) return { absent: { qrs: 'no QRS slope in the median beat' } };
  const quiet = Math.max(1, Math.round(ISOELECTRIC_S * fs));
  const onsetThreshold = floor + QRS_ONSET_FRACTION * span;
  const offsetThreshold = floor + QRS_OFFSET_FRACTION * span;
  const maxQrsHalf = Math.round(MAX_QRS_HALF_S * fs);
  // A paced QRS starts once the stimulus has ended; its blanked spike may still leave a slope behind.
  const stimulusEnd = pacingSpike === undefined ? undefined : pacingSpike + Math.round(SPIKE_TAIL_S * fs);
  const earliestOnset = Math.max(quiet, rIndex - maxQrsHalf, stimulusEnd ?? 0);
  let qrsOnset: number | undefined;
  for (let k = rIndex; k >= earliestOnset; k--) {
    let allBelow = true;
    for (let j = 0; j < quiet; j++) if (velocity[k - j] >= onsetThreshold) allBelow = false;
    if (allBelow) {
      qrsOnset = k;
      break;
    }
  }
  if (qrsOnset === undefined && stimulusEnd !== undefined && stimulusEnd < rIndex) qrsOnset = stimulusEnd;
  const offsetSearchEnd = Math.min(length - 1 - quiet, rIndex + maxQrsHalf + Math.round(0.04 * fs));
  let qrsOffset: number | undefined;
  for (let k = rIndex; k <= offsetSearchEnd; k++) {
    let allBelow = true;
    for (let j = 0; j < quiet; j++) if (velocity[k + j] >= offsetThreshold) allBelow = false;
    if (allBelow) {
      qrsOffset = k;
      break;
    }
  }
  // The knee lies between the last steep sample and the isoelectric crossing or, where the velocity
  // never gets there (a paced QRS at 250 Hz, whose spike is not resolved), the quietest sample after it.
  if (qrsOffset === undefined || stimulusEnd !== undefined) {
    const steep = floor + KNEE_FRACTION * span;
    let from = qrsOffset ?? offsetSearchEnd;
    while (from > peak && velocity[from] < steep) from--;
    let to = qrsOffset ?? from;
    if (qrsOffset === undefined) for (let k = from; k <= offsetSearchEnd; k++) if (velocity[k] < velocity[to]) to = k;
    if (to > from) qrsOffset = kneeBelowChord(velocity, from, to);
  }
  if (qrsOnset === undefined || qrsOffset === undefined) {
    return { absent: { qrs: `the QRS complex does not return to the isoelectric level within ${Math.round(MAX_QRS_HALF_S * 1000)} ms of its centre` } };
  }

  // Isoelectric level of each lead: just before QRS onset (the end of the PR segment).
  const levelWidth = Math.max(1, Math.round(0.01 * fs));
  const levels = smooth.map((lead) => {
    let s = 0;
    for (let k = qrsOnset - levelWidth; k < qrsOnset; k++) s += lead[Math.max(0, k)];
    return s / levelWidth;
  });
  const absent: DelineationResult['absent'] = {};
  const fiducials: FiducialIndices = { qrsOnset, qrsOffset };

  // T wave: from 80 ms after J to before the next P wave.
  const tStart = qrsOffset + Math.round(0.08 * fs);
  const tEnd = Math.min(length - 1, rIndex + Math.round(Math.min(0.7 * rr.shortS, rr.shortS - 0.1) * fs));
  const tSmooth = smooth.map((lead) => movingAverage(lead, Math.max(1, Math.round(0.02 * fs)) | 1));
  if (tEnd - tStart < Math.round(0.06 * fs)) {
    absent.t = 'the beat is too short to hold a T wave before the next beat';
  } else {
    const t = delineateTWave(tSmooth, levels, { qrsOffset, from: tStart, to: tEnd }, fs, tpLevels(tSmooth, velocity, qrsOnset, fs));
    if ('absent' in t) absent.t = t.absent;
    else {
      fiducials.tPeak = t.tPeak;
      fiducials.tOffset = t.tOffset;
    }
  }

  // P wave: before QRS onset, not earlier than 300 ms before it nor inside the previous T wave.
  const previousTEnd = fiducials.tOffset !== undefined ? fiducials.tOffset - Math.round(rrS * fs) : -Infinity;
  const pFrom = Math.max(0, qrsOnset - Math.round(0.3 * fs), previousTEnd + Math.round(0.02 * fs));
  const pTo = qrsOnset - Math.round(0.02 * fs);
  if (pTo - pFrom < Math.round(0.06 * fs)) {
    absent.p = 'no room for a P wave between the previous T wave and the QRS';
  } else {
    const p = delineatePWave(tSmooth, levels, { from: pFrom, to: pTo }, fs);
    if ('absent' in p) absent.p = p.absent;
    else {
      fiducials.pOnset = p.pOnset;
      fiducials.pOffset = p.pOffset;
    }
  }
  return { fiducials, absent };
}
