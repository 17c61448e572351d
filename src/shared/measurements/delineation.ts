/**
 * Global delineation of the median beat across all usable leads. QRS onset and offset: where the
 * spatial velocity (the norm of all leads' slopes) leaves and returns to its isoelectric level.
 * T peak and end: the lead-RMS curve's maximum after the ST segment and its tangent-to-baseline
 * end. P wave: the RMS of the leads' deviation from their PR-segment level before QRS onset.
 */
import { derivative, movingAverage, quantile, zeroPhaseFilter } from './filters.ts';

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
 * Thresholds as fractions of each wave's own size, tuned on LUDB records 1–150 (bench/measurements.ts);
 * the QTDB subset and LUDB 151–200 were not used for tuning.
 */
const QRS_ONSET_FRACTION = 0.05;
const QRS_OFFSET_FRACTION = 0.08;
/** The spatial velocity must stay below the threshold this long to count as isoelectric. */
const ISOELECTRIC_S = 0.016;
const P_EDGE_FRACTION = 0.15;
/** Below this RMS deviation across leads (µV) no P wave is claimed. */
const P_MINIMUM_UV = 15;

function rmsAcrossLeads(leads: readonly Float64Array[], k: number, levels: readonly number[]): number {
  let sum = 0;
  for (let l = 0; l < leads.length; l++) {
    const d = leads[l][k] - levels[l];
    sum += d * d;
  }
  return Math.sqrt(sum / leads.length);
}

/**
 * `medianLeads`: median beats of the usable leads; `rIndex`: the aligned QRS position in them;
 * `rrS`: the typical RR interval, which bounds the T-wave and P-wave searches.
 */
export function delineateMedianBeat(
  medianLeads: readonly Float32Array[],
  rIndex: number,
  sampleRateHz: number,
  rrS: number
): DelineationResult {
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
  const maxQrsHalf = Math.round(0.12 * fs);
  let qrsOnset: number | undefined;
  for (let k = rIndex; k >= Math.max(quiet, rIndex - maxQrsHalf); k--) {
    let allBelow = true;
    for (let j = 0; j < quiet; j++) if (velocity[k - j] >= onsetThreshold) allBelow = false;
    if (allBelow) {
      qrsOnset = k;
      break;
    }
  }
  let qrsOffset: number | undefined;
  for (let k = rIndex; k <= Math.min(length - 1 - quiet, rIndex + maxQrsHalf + Math.round(0.04 * fs)); k++) {
    let allBelow = true;
    for (let j = 0; j < quiet; j++) if (velocity[k + j] >= offsetThreshold) allBelow = false;
    if (allBelow) {
      qrsOffset = k;
      break;
    }
  }
  if (qrsOnset === undefined || qrsOffset === undefined) {
    return { absent: { qrs: 'the QRS complex does not return to the isoelectric level within 240 ms' } };
  }

  // Isoelectric level of each lead: just before QRS onset.
  const levelWidth = Math.max(1, Math.round(0.01 * fs));
  const levels = smooth.map((lead) => {
    let s = 0;
    for (let k = qrsOnset - levelWidth; k < qrsOnset; k++) s += lead[Math.max(0, k)];
    return s / levelWidth;
  });
  const absent: DelineationResult['absent'] = {};
  const fiducials: FiducialIndices = { qrsOnset, qrsOffset };

  // T wave: RMS of the leads' deviation, slightly smoothed, from 80 ms after J to before the next P.
  const tSmooth = smooth.map((lead) => movingAverage(lead, Math.max(1, Math.round(0.02 * fs)) | 1));
  const tStart = qrsOffset + Math.round(0.08 * fs);
  const tEnd = Math.min(length - 1, rIndex + Math.round(Math.min(0.7 * rrS, rrS - 0.1) * fs));
  if (tEnd - tStart < Math.round(0.06 * fs)) {
    absent.t = 'the beat is too short to hold a T wave before the next beat';
  } else {
    const rms = new Float64Array(length);
    for (let k = qrsOffset; k <= tEnd; k++) rms[k] = rmsAcrossLeads(tSmooth, k, levels);
    let tPeak = tStart;
    for (let k = tStart; k <= tEnd; k++) if (rms[k] > rms[tPeak]) tPeak = k;
    let steepest = tPeak;
    let steepestSlope = 0;
    for (let k = tPeak + 1; k <= tEnd; k++) {
      const slope = rms[k] - rms[k - 1];
      if (slope < steepestSlope) {
        steepestSlope = slope;
        steepest = k;
      }
    }
    if (tPeak === tStart || tPeak === tEnd || steepestSlope >= 0) {
      absent.t = 'no T-wave peak between the ST segment and the next beat';
    } else {
      // Tangent at the steepest descent, extended down to the lowest level that follows.
      let base = rms[steepest];
      for (let k = steepest; k <= tEnd; k++) base = Math.min(base, rms[k]);
      const tOffset = Math.round(steepest + (rms[steepest] - base) / -steepestSlope);
      if (tOffset > tEnd) absent.t = 'the T wave does not end before the next beat';
      else {
        fiducials.tPeak = tPeak;
        fiducials.tOffset = tOffset;
      }
    }
  }

  // P wave: before QRS onset, not earlier than 300 ms before it nor inside the previous T wave.
  const previousTEnd = fiducials.tOffset !== undefined ? fiducials.tOffset - Math.round(rrS * fs) : -Infinity;
  const pFrom = Math.max(0, qrsOnset - Math.round(0.3 * fs), previousTEnd + Math.round(0.02 * fs));
  const pTo = qrsOnset - Math.round(0.02 * fs);
  if (pTo - pFrom < Math.round(0.06 * fs)) {
    absent.p = 'no room for a P wave between the previous T wave and the QRS';
  } else {
    const rms = new Float64Array(length);
    for (let k = pFrom; k <= pTo; k++) rms[k] = rmsAcrossLeads(tSmooth, k, levels);
    let pPeak = pFrom;
    for (let k = pFrom; k <= pTo; k++) if (rms[k] > rms[pPeak]) pPeak = k;
    const pAmplitude = rms[pPeak];
    if (pAmplitude < P_MINIMUM_UV || pPeak === pFrom || pPeak === pTo) {
      absent.p = 'no P wave in the median beat';
    } else {
      let base = pAmplitude;
      for (let k = pFrom; k < pPeak; k++) base = Math.min(base, rms[k]);
      const threshold = base + P_EDGE_FRACTION * (pAmplitude - base);
      let pOnset = pPeak;
      while (pOnset > pFrom && rms[pOnset] > threshold) pOnset--;
      let pOffset = pPeak;
      while (pOffset < pTo && rms[pOffset] > P_EDGE_FRACTION * pAmplitude) pOffset++;
      if (pOnset === pFrom) absent.p = 'the P wave has no clear onset after the previous T wave';
      else {
        fiducials.pOnset = pOnset;
        fiducials.pOffset = pOffset;
      }
    }
  }
  return { fiducials, absent };
}
