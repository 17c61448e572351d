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

/** The state that starts a section in the steady state of its first input `x0`, avoiding an edge transient. */
function steadyState(s: Biquad, x0: number): [number, number] {
  const dcGain = (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
  return [x0 * dcGain - s.b0 * x0, s.b2 * x0 - s.a2 * x0 * dcGain];
}

/** One pass of a section over `x` in place, forward or backward (a backward pass saves reversing the array twice). */
function runSection(s: Biquad, x: Float64Array, backward: boolean): void {
  const n = x.length;
  const first = backward ? n - 1 : 0;
  const step = backward ? -1 : 1;
  let [z1, z2] = steadyState(s, x[first]);
  for (let c = 0, i = first; c < n; c++, i += step) {
    const xi = x[i];
    const yi = s.b0 * xi + z1;
    z1 = s.b1 * xi - s.a1 * yi + z2;
    z2 = s.b2 * xi - s.a2 * yi;
    x[i] = yi;
  }
}

/**
 * The same pass over two equally long signals in one loop. A recursion waits on its previous
 * output; two independent ones overlap in the processor and take little longer than one. Each
 * signal's arithmetic is exactly that of `runSection`.
 */
function runSectionPair(s: Biquad, x: Float64Array, u: Float64Array, backward: boolean): void {
  const n = x.length;
  const first = backward ? n - 1 : 0;
  const step = backward ? -1 : 1;
  let [z1, z2] = steadyState(s, x[first]);
  let [w1, w2] = steadyState(s, u[first]);
  const { b0, b1, b2, a1, a2 } = s;
  for (let c = 0, i = first; c < n; c++, i += step) {
    const xi = x[i];
    const yi = b0 * xi + z1;
    z1 = b1 * xi - a1 * yi + z2;
    z2 = b2 * xi - a2 * yi;
    x[i] = yi;
    const ui = u[i];
    const vi = b0 * ui + w1;
    w1 = b1 * ui - a1 * vi + w2;
    w2 = b2 * ui - a2 * vi;
    u[i] = vi;
  }
}

function butterworthSections(sampleRateHz: number, bands: { highPassHz?: number; lowPassHz?: number }): Biquad[] {
  const sections: Biquad[] = [];
  if (bands.highPassHz !== undefined) sections.push(butterworthSection('highpass', bands.highPassHz, sampleRateHz));
  if (bands.lowPassHz !== undefined) sections.push(butterworthSection('lowpass', bands.lowPassHz, sampleRateHz));
  return sections;
}

/** `input` with `padLength` samples of odd reflection at both ends, the array the filter runs in. */
function oddReflectionPadded(input: ArrayLike<number>, padLength: number): Float64Array {
  const n = input.length;
  const padded = new Float64Array(n + 2 * padLength);
  for (let i = 0; i < padLength; i++) padded[i] = 2 * input[0] - input[padLength - i];
  for (let i = 0; i < n; i++) padded[padLength + i] = input[i];
  for (let i = 0; i < padLength; i++) padded[padLength + n + i] = 2 * input[n - 1] - input[n - 2 - i];
  return padded;
}

const padLengthOf = (n: number, sampleRateHz: number) => Math.min(n - 1, Math.round(sampleRateHz * 0.25));

/** Forward-backward Butterworth filtering (4th order effective) with odd-reflection padding at both ends. */
export function zeroPhaseFilter(
  input: ArrayLike<number>,
  sampleRateHz: number,
  bands: { highPassHz?: number; lowPassHz?: number }
): Float64Array {
  const n = input.length;
  if (n < 2) return Float64Array.from(input);
  const padLength = padLengthOf(n, sampleRateHz);
  const padded = oddReflectionPadded(input, padLength);
  for (const section of butterworthSections(sampleRateHz, bands)) {
    runSection(section, padded, false);
    runSection(section, padded, true);
  }
  return padded.subarray(padLength, padLength + n);
}

/**
 * `zeroPhaseFilter` of several leads, each result the same; equally long leads are filtered in
 * pairs (`runSectionPair`), which nearly halves the time of a 12-lead record.
 */
export function zeroPhaseFilterLeads(
  inputs: readonly ArrayLike<number>[],
  sampleRateHz: number,
  bands: { highPassHz?: number; lowPassHz?: number }
): Float64Array[] {
  const sections = butterworthSections(sampleRateHz, bands);
  const out: Float64Array[] = [];
  let l = 0;
  while (l < inputs.length) {
    const n = inputs[l].length;
    if (l + 1 >= inputs.length || inputs[l + 1].length !== n || n < 2) {
      out.push(zeroPhaseFilter(inputs[l], sampleRateHz, bands));
      l++;
      continue;
    }
    const padLength = padLengthOf(n, sampleRateHz);
    const x = oddReflectionPadded(inputs[l], padLength);
    const u = oddReflectionPadded(inputs[l + 1], padLength);
    for (const section of sections) {
      runSectionPair(section, x, u, false);
      runSectionPair(section, x, u, true);
    }
    out.push(x.subarray(padLength, padLength + n), u.subarray(padLength, padLength + n));
    l += 2;
  }
  return out;
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

/**
 * The k-th smallest of the first `count` values of `buffer` where k lies near either end: a heap
 * of the k + 1 smallest (or the count − k largest) values seen so far, which most values pass by
 * after one comparison, where quickselect's unpredictable branches cost several times more. The
 * larger end is the smaller end of the negated values.
 */
function selectNearEnd(buffer: Float64Array, count: number, k: number): number {
  const sign = k < count - 1 - k ? 1 : -1;
  const size = sign > 0 ? k + 1 : count - k;
  // A max-heap of the `size` smallest of the signed values.
  const heap = new Float64Array(size);
  const siftDown = (value: number) => {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] > heap[child]) child++;
      if (heap[child] <= value) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = value;
  };
  for (let i = 0; i < size; i++) {
    let at = i;
    const value = sign * buffer[i];
    while (at > 0 && heap[(at - 1) >> 1] < value) {
      heap[at] = heap[(at - 1) >> 1];
      at = (at - 1) >> 1;
    }
    heap[at] = value;
  }
  for (let i = size; i < count; i++) {
    const value = sign * buffer[i];
    if (value < heap[0]) siftDown(value);
  }
  return sign * heap[0];
}

/** Ranks this close to either end of the values are selected with a heap (`selectNearEnd`). */
const NEAR_END_FRACTION = 1 / 32;

/** Nearest-rank q-quantiles of the first `count` values of `buffer` (reordered in place). */
function quantilesInPlace(buffer: Float64Array, count: number, qs: readonly number[]): (number | undefined)[] {
  if (count === 0) return qs.map(() => undefined);
  return qs.map((q) => {
    const k = Math.min(count - 1, Math.max(0, Math.round(q * (count - 1))));
    return Math.min(k, count - 1 - k) < NEAR_END_FRACTION * count ? selectNearEnd(buffer, count, k) : selectInPlace(buffer, count, k);
  });
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
