/**
 * Per-lead signal checks made before measuring, so a failing lead is left out of detection and
 * delineation and its own measurements are withheld with the reason.
 */
import { signalQuantiles, zeroPhaseFilter } from './filters.ts';
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

function saturatedFraction(x: Float32Array, minRun: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let held = 0;
  let run = 0;
  for (let i = 0; i <= x.length; i++) {
    const atRail = i < x.length && (x[i] === lo || x[i] === hi) && i > 0 && x[i] === x[i - 1];
    if (atRail) run++;
    else {
      if (run + 1 >= minRun) held += run + 1;
      run = 0;
    }
  }
  return held / x.length;
}

export function assessLead(samplesUv: Float32Array, sampleRateHz: number): LeadQuality {
  const n = samplesUv.length;
  let missing = 0;
  for (const v of samplesUv) if (!Number.isFinite(v)) missing++;
  if (n === 0 || missing > MISSING_FRACTION * n) {
    return { problem: 'missing', detail: `${n === 0 ? 'no samples' : `${Math.round((100 * missing) / n)} % of samples missing`}` };
  }
  const finite = missing > 0 ? samplesUv.map((v) => (Number.isFinite(v) ? v : 0)) : samplesUv;
  const [lo = 0, hi = 0] = signalQuantiles(finite, [0.01, 0.99]);
  if (hi - lo < FLAT_RANGE_UV) return { problem: 'flat', detail: `peak-to-peak ${Math.round(hi - lo)} µV` };
  const saturated = saturatedFraction(finite, Math.max(2, Math.round(0.01 * sampleRateHz)));
  if (saturated > SATURATED_FRACTION) {
    return { problem: 'saturated', detail: `${(100 * saturated).toFixed(1)} % of samples held at the lead's limit` };
  }
  if (sampleRateHz > 100) {
    const smooth = zeroPhaseFilter(finite, sampleRateHz, { lowPassHz: 40 });
    const residual = new Float64Array(n);
    for (let i = 0; i < n; i++) residual[i] = Math.abs(finite[i] - smooth[i]);
    const [noise = 0] = signalQuantiles(residual, [0.5]);
    if (noise > NOISE_MEDIAN_UV) return { problem: 'noisy', detail: `high-frequency noise ${Math.round(noise)} µV (median)` };
  }
  return {};
}

export function qualityFindings(leadNames: readonly string[], qualities: readonly LeadQuality[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  qualities.forEach((q, i) => {
    if (q.problem) findings.push({ lead: leadNames[i], problem: q.problem, detail: q.detail ?? '' });
  });
  return findings;
}
