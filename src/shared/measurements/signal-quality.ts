/**
 * Per-lead signal checks made before measuring, so a failing lead is left out of detection and
 * delineation and its own measurements are withheld with the reason.
 */
import { signalQuantiles, zeroPhaseFilterLeads } from './filters.ts';
import type { LeadProblem, QualityFinding } from './types.ts';

/** Robust peak-to-peak (1st to 99th percentile) below this is a flat lead. */
const FLAT_RANGE_UV = 20;
/** Median absolute residual above 40 Hz above this is muscle or mains noise that hides the waves. */
const NOISE_MEDIAN_UV = 25;
/** Share of samples held at the lead's extreme value in runs of 10 ms or more that marks clipping. */
const SATURATED_FRACTION = 0.01;
const MISSING_FRACTION = 0.2;

export interface LeadQuality {
  problem?: LeadProblem;
  detail?: string;
}

/** The lead's extremes, and the count of missing (non-finite) samples, which count as 0 for the extremes. */
function extremesAndMissing(x: Float32Array): { lo: number; hi: number; missing: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let missing = 0;
  for (let i = 0; i < x.length; i++) {
    let v = x[i];
    if (!Number.isFinite(v)) {
      missing++;
      v = 0;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi, missing };
}

/** Share of the samples that repeat the lead's extreme value `lo` or `hi` in runs of at least `minRun` samples. */
function saturatedFraction(x: Float32Array, lo: number, hi: number, minRun: number): number {
  let held = 0;
  let run = 0;
  const close = () => {
    if (run + 1 >= minRun) held += run + 1;
    run = 0;
  };
  if (x.length > 0) close();
  for (let i = 1; i < x.length; i++) {
    const v = x[i];
    if (v === x[i - 1] && (v === lo || v === hi)) run++;
    else close();
  }
  close();
  return held / x.length;
}

/** Whether the lead is missing, flat or saturated; the noise check, which needs a filter, comes after. */
function assessLevels(samplesUv: Float32Array, sampleRateHz: number): LeadQuality & { finite?: Float32Array } {
  const n = samplesUv.length;
  const { lo: min, hi: max, missing } = extremesAndMissing(samplesUv);
  if (n === 0 || missing > MISSING_FRACTION * n) {
    return { problem: 'missing', detail: `${n === 0 ? 'no samples' : `${Math.round((100 * missing) / n)} % of samples missing`}` };
  }
  const finite = missing > 0 ? samplesUv.map((v) => (Number.isFinite(v) ? v : 0)) : samplesUv;
  const [lo = 0, hi = 0] = signalQuantiles(finite, [0.01, 0.99]);
  if (hi - lo < FLAT_RANGE_UV) return { problem: 'flat', detail: `peak-to-peak ${Math.round(hi - lo)} µV` };
  const saturated = saturatedFraction(finite, min, max, Math.max(2, Math.round(0.01 * sampleRateHz)));
  if (saturated > SATURATED_FRACTION) {
    return { problem: 'saturated', detail: `${(100 * saturated).toFixed(1)} % of samples held at the lead's limit` };
  }
  return { finite };
}

/** Each lead's quality, in the order given; the leads that reach the noise check are filtered together. */
export function assessLeads(leads: readonly Float32Array[], sampleRateHz: number): LeadQuality[] {
  const levels = leads.map((samplesUv) => assessLevels(samplesUv, sampleRateHz));
  const qualities: LeadQuality[] = levels.map(({ problem, detail }) => (problem ? { problem, detail } : {}));
  if (sampleRateHz <= 100) return qualities;
  const toFilter = levels.flatMap((level, i) => (level.finite ? [{ i, finite: level.finite }] : []));
  const smooth = zeroPhaseFilterLeads(toFilter.map((l) => l.finite), sampleRateHz, { lowPassHz: 40 });
  toFilter.forEach(({ i, finite }, k) => {
    // The smoothed lead is ours alone: it takes the residual in place.
    const residual = smooth[k];
    for (let j = 0; j < finite.length; j++) residual[j] = Math.abs(finite[j] - residual[j]);
    const [noise = 0] = signalQuantiles(residual, [0.5]);
    if (noise > NOISE_MEDIAN_UV) qualities[i] = { problem: 'noisy', detail: `high-frequency noise ${Math.round(noise)} µV (median)` };
  });
  return qualities;
}

export function qualityFindings(leadNames: readonly string[], qualities: readonly LeadQuality[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  qualities.forEach((q, i) => {
    if (q.problem) findings.push({ lead: leadNames[i], problem: q.problem, detail: q.detail ?? '' });
  });
  return findings;
}
