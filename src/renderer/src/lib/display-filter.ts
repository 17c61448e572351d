/**
 * The display filter: baseline wander removal (0.5 Hz high-pass) and a 40 Hz low-pass, both zero-phase
 * so waves do not shift in time. It changes only what is drawn; calipers and every measurement read the
 * unfiltered record. The filtering itself is the shared measurement filter; this adds missing samples.
 */
import { zeroPhaseFilter } from '../../../shared/measurements/filters.ts';

export const DISPLAY_FILTER_HIGH_PASS_HZ = 0.5;
export const DISPLAY_FILTER_LOW_PASS_HZ = 40;
export const DISPLAY_FILTER_LABEL = `Filter: ${DISPLAY_FILTER_HIGH_PASS_HZ}–${DISPLAY_FILTER_LOW_PASS_HZ} Hz (display only)`;

/** Zero-phase 0.5–40 Hz band-pass of one lead, in µV; missing samples (NaN) stay missing. */
export function displayFilter(samplesUv: Float32Array, sampleRateHz: number): Float32Array {
  const n = samplesUv.length;
  const held = new Float64Array(n);
  let previous = samplesUv.find((v) => Number.isFinite(v)) ?? 0;
  for (let i = 0; i < n; i++) {
    const v = samplesUv[i];
    // Hold the last good value across gaps so one NaN does not poison the recursive filter.
    previous = Number.isFinite(v) ? v : previous;
    held[i] = previous;
  }
  const filtered = zeroPhaseFilter(held, sampleRateHz, {
    highPassHz: DISPLAY_FILTER_HIGH_PASS_HZ,
    lowPassHz: DISPLAY_FILTER_LOW_PASS_HZ,
  });
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Number.isFinite(samplesUv[i]) ? filtered[i] : Number.NaN;
  return out;
}
