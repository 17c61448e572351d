/**
 * Small zero-phase filters for measurement: second-order Butterworth sections (bilinear
 * transform) run forward and backward, and running means. Our own because they are a few lines
 * and must run on typed arrays in any thread; zero phase keeps fiducial times where they are.
 */

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function butterworthSection(kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRateHz: number): Biquad {
  // Cut-offs are kept below Nyquist so low sampling rates (100 Hz) still get a stable filter.
  const fc = Math.min(cutoffHz, 0.45 * sampleRateHz);
  const w0 = (2 * Math.PI * fc) / sampleRateHz;
  const alpha = Math.sin(w0) / Math.SQRT2;
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** One pass of a section over `x` in place, forward or backward (a backward pass saves reversing the array twice). */
function runSection(s: Biquad, x: Float64Array, backward: boolean): void {
  const n = x.length;
  const first = backward ? n - 1 : 0;
  const step = backward ? -1 : 1;
  // Start in the steady state of the first sample to avoid an edge transient.
  const dcGain = (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
  const x0 = x[first];
  let z1 = x0 * dcGain - s.b0 * x0;
  let z2 = s.b2 * x0 - s.a2 * x0 * dcGain;
  for (let c = 0, i = first; c < n; c++, i += step) {
    const xi = x[i];
    const yi = s.b0 * xi + z1;
    z1 = s.b1 * xi - s.a1 * yi + z2;
    z2 = s.b2 * xi - s.a2 * yi;
    x[i] = yi;
  }
}

/** Forward-backward Butterworth filtering (4th order effective) with odd-reflection padding at both ends. */
export function zeroPhaseFilter(
  input: ArrayLike<number>,
  sampleRateHz: number,
  bands: { highPassHz?: number; lowPassHz?: number }
): Float64Array {
  const n = input.length;
  const sections: Biquad[] = [];
  if (bands.highPassHz !== undefined) sections.push(butterworthSection('highpass', bands.highPassHz, sampleRateHz));
  if (bands.lowPassHz !== undefined) sections.push(butterworthSection('lowpass', bands.lowPassHz, sampleRateHz));
  if (n < 2) return Float64Array.from(input);
  const padLength = Math.min(n - 1, Math.round(sampleRateHz * 0.25));
  const padded = new Float64Array(n + 2 * padLength);
  for (let i = 0; i < padLength; i++) padded[i] = 2 * input[0] - input[padLength - i];
  for (let i = 0; i < n; i++) padded[padLength + i] = input[i];
  for (let i = 0; i < padLength; i++) padded[padLength + n + i] = 2 * input[n - 1] - input[n - 2 - i];
  for (const section of sections) {
    runSection(section, padded, false);
    runSection(section, padded, true);
  }
  return padded.subarray(padLength, padLength + n);
}

/** Centred running mean over `width` samples (odd widths are exactly centred), shrinking at the edges. */
export function movingAverage(x: ArrayLike<number>, width: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const half = Math.max(0, Math.floor(width / 2));
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + x[i];
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(n, i + half + 1);
    out[i] = (cumulative[to] - cumulative[from]) / (to - from);
  }
  return out;
}

/** Central-difference derivative in units per second. */
export function derivative(x: ArrayLike<number>, sampleRateHz: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n < 2) return out;
  for (let i = 1; i < n - 1; i++) out[i] = ((x[i + 1] - x[i - 1]) * sampleRateHz) / 2;
  out[0] = (x[1] - x[0]) * sampleRateHz;
  out[n - 1] = (x[n - 1] - x[n - 2]) * sampleRateHz;
  return out;
}

/**
 * The k-th smallest of the first `count` values of `buffer` (0-based), reordering them in place:
 * Hoare's quickselect, linear time, where sorting typed arrays dominated a record's measuring time.
 */
function selectInPlace(buffer: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = buffer[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buffer[i] < pivot) i++;
      while (buffer[j] > pivot) j--;
      if (i <= j) {
        const t = buffer[i];
        buffer[i] = buffer[j];
        buffer[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return buffer[k];
}

/** Nearest-rank q-quantiles of the first `count` values of `buffer` (reordered in place). */
function quantilesInPlace(buffer: Float64Array, count: number, qs: readonly number[]): (number | undefined)[] {
  if (count === 0) return qs.map(() => undefined);
  return qs.map((q) => selectInPlace(buffer, count, Math.min(count - 1, Math.max(0, Math.round(q * (count - 1))))));
}

/** The q-quantile (0..1) of the finite values (nearest rank); undefined when there are none. */
export function quantile(x: ArrayLike<number>, q: number): number | undefined {
  const values = new Float64Array(x.length);
  let count = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) values[count++] = x[i];
  return quantilesInPlace(values, count, [q])[0];
}

export function median(values: ArrayLike<number>): number | undefined {
  return quantile(values, 0.5);
}

/**
 * Several quantiles of a long signal from an evenly strided subset of at most `maxCount`
 * samples: percentiles of a 10-s lead need no more, and measuring stays fast.
 */
export function signalQuantiles(x: ArrayLike<number>, qs: readonly number[], maxCount = 2048): (number | undefined)[] {
  const stride = Math.max(1, Math.ceil(x.length / maxCount));
  const values = new Float64Array(Math.ceil(x.length / stride));
  let count = 0;
  for (let i = 0; i < x.length; i += stride) if (Number.isFinite(x[i])) values[count++] = x[i];
  return quantilesInPlace(values, count, qs);
}

/** Median of the first `count` values of `buffer`, sorting them in place (insertion sort: columns are short). */
export function medianInPlace(buffer: Float64Array, count: number): number {
  for (let i = 1; i < count; i++) {
    const v = buffer[i];
    let j = i - 1;
    while (j >= 0 && buffer[j] > v) {
      buffer[j + 1] = buffer[j];
      j--;
    }
    buffer[j + 1] = v;
  }
  const mid = count >> 1;
  return count % 2 ? buffer[mid] : (buffer[mid - 1] + buffer[mid]) / 2;
}
