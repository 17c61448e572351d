/**
 * The display filter: baseline wander removal (0.5 Hz high-pass) and a 40 Hz low-pass, both
 * zero-phase so waves do not shift in time. It changes only what is drawn; calipers and every
 * measurement read the unfiltered record. Written here because it is a dozen lines of standard
 * biquad maths that must run in the renderer without Node.
 */

export const DISPLAY_FILTER_HIGH_PASS_HZ = 0.5;
export const DISPLAY_FILTER_LOW_PASS_HZ = 40;
export const DISPLAY_FILTER_LABEL = `Filter: ${DISPLAY_FILTER_HIGH_PASS_HZ}–${DISPLAY_FILTER_LOW_PASS_HZ} Hz (display only)`;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Second-order Butterworth section by the bilinear transform (Q = 1/√2). */
function butterworth(kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRateHz: number): Biquad {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'lowpass' ? b1 / 2 : -b1 / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Runs one section in place, starting from the steady state for the first sample (no start-up step). */
function runBiquad(x: Float64Array, f: Biquad): void {
  const dcGain = (f.b0 + f.b1 + f.b2) / (1 + f.a1 + f.a2);
  const x0 = x[0];
  const y0 = x0 * dcGain;
  let x1 = x0;
  let x2 = x0;
  let y1 = y0;
  let y2 = y0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = f.b0 * xi + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
    x[i] = yi;
  }
}

/**
 * Zero-phase 0.5–40 Hz band-pass of one lead, in µV. The signal is padded by odd reflection at both
 * ends so the edges do not ring; missing samples (NaN) stay missing.
 */
export function displayFilter(samplesUv: Float32Array, sampleRateHz: number): Float32Array {
  const n = samplesUv.length;
  const out = new Float32Array(n);
  if (n < 4) {
    out.set(samplesUv);
    return out;
  }
  const pad = Math.min(n - 1, Math.round(sampleRateHz));
  const padded = new Float64Array(n + 2 * pad);
  const first = Number.isFinite(samplesUv[0]) ? samplesUv[0] : 0;
  const last = Number.isFinite(samplesUv[n - 1]) ? samplesUv[n - 1] : 0;
  let previous = first;
  for (let i = 0; i < n; i++) {
    const v = samplesUv[i];
    // Hold the last good value across gaps so one NaN does not poison the recursive filter.
    previous = Number.isFinite(v) ? v : previous;
    padded[pad + i] = previous;
  }
  for (let i = 0; i < pad; i++) {
    padded[pad - 1 - i] = 2 * first - padded[pad + 1 + i];
    padded[pad + n + i] = 2 * last - padded[pad + n - 2 - i];
  }
  const lowPassHz = Math.min(DISPLAY_FILTER_LOW_PASS_HZ, sampleRateHz * 0.45);
  const sections = [
    butterworth('highpass', DISPLAY_FILTER_HIGH_PASS_HZ, sampleRateHz),
    butterworth('lowpass', lowPassHz, sampleRateHz),
  ];
  for (const section of sections) runBiquad(padded, section);
  padded.reverse();
  for (const section of sections) runBiquad(padded, section);
  padded.reverse();
  for (let i = 0; i < n; i++) out[i] = Number.isFinite(samplesUv[i]) ? padded[pad + i] : Number.NaN;
  return out;
}
