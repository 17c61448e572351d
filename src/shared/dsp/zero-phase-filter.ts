/**
 * Zero-phase filtering with scipy's exact edge handling (odd extension, steady-state initial
 * conditions), so our output matches scipy.signal.filtfilt / sosfiltfilt to floating-point error.
 */

/** Second-order sections: each [b0, b1, b2, a0, a1, a2] with a0 = 1. */
export type SecondOrderSections = readonly (readonly [number, number, number, number, number, number])[];

/** Odd extension: 2·x[0] − x[padlen..1] before, 2·x[n−1] − x[n−2..n−padlen−1] after. */
function oddExtend(x: ArrayLike<number>, padlen: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * padlen);
  for (let i = 0; i < padlen; i++) out[i] = 2 * x[0] - x[padlen - i];
  for (let i = 0; i < n; i++) out[padlen + i] = x[i];
  for (let i = 0; i < padlen; i++) out[padlen + n + i] = 2 * x[n - 1] - x[n - 2 - i];
  return out;
}

function reverseInPlace(x: Float64Array): Float64Array {
  return x.reverse();
}

/**
 * FIR filter (a = [1]) with the transposed-direct-form initial state `state` scaled by `x[0]`:
 * y[n] = Σ b[k]·x[n−k] + x[0]·zi[n] for n < taps−1.
 */
function firFilterWithSteadyState(taps: Float64Array, zi: Float64Array, x: Float64Array): Float64Array {
  const n = x.length;
  const m = taps.length;
  const y = new Float64Array(n);
  const x0 = x[0];
  for (let i = 0; i < n; i++) {
    let acc = i < m - 1 ? x0 * zi[i] : 0;
    const kMax = Math.min(i, m - 1);
    for (let k = 0; k <= kMax; k++) acc += taps[k] * x[i - k];
    y[i] = acc;
  }
  return y;
}

/** scipy.signal.filtfilt(b, [1], x) with padtype 'odd' and padlen 3·len(b). */
export function firFiltfilt(taps: Float64Array, x: ArrayLike<number>): Float64Array {
  const padlen = 3 * taps.length;
  if (x.length <= padlen) {
    throw new RangeError(`zero-phase FIR needs more than ${padlen} samples, got ${x.length}`);
  }
  // lfilter_zi for an FIR: zi[i] = Σ_{j>i} b[j].
  const zi = new Float64Array(taps.length - 1);
  for (let i = taps.length - 2, sum = 0; i >= 0; i--) {
    sum += taps[i + 1];
    zi[i] = sum;
  }
  const extended = oddExtend(x, padlen);
  const forward = firFilterWithSteadyState(taps, zi, extended);
  const backward = reverseInPlace(firFilterWithSteadyState(taps, zi, reverseInPlace(forward)));
  return backward.subarray(padlen, padlen + x.length).slice();
}

/** lfilter_zi of one biquad (a0 = 1): the state after an infinitely long unit step. */
function biquadSteadyState(section: SecondOrderSections[number]): [number, number] {
  const [b0, b1, b2, , a1, a2] = section;
  // Solve [[1 + a1, −1], [a2, 1]]·zi = [b1 − a1·b0, b2 − a2·b0].
  const r0 = b1 - a1 * b0;
  const r1 = b2 - a2 * b0;
  const det = 1 + a1 + a2;
  const z0 = (r0 + r1) / det;
  return [z0, r1 - a2 * z0];
}

function sosFilterWithSteadyState(sos: SecondOrderSections, zi: Float64Array, x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  const x0 = x[0];
  sos.forEach((section, s) => {
    const [b0, b1, b2, , a1, a2] = section;
    let z0 = zi[2 * s] * x0;
    let z1 = zi[2 * s + 1] * x0;
    for (let i = 0; i < y.length; i++) {
      const input = y[i];
      const output = b0 * input + z0;
      z0 = b1 * input - a1 * output + z1;
      z1 = b2 * input - a2 * output;
      y[i] = output;
    }
  });
  return y;
}

/** scipy.signal.sosfiltfilt(sos, x) with padtype 'odd' and scipy's default pad length. */
export function sosFiltfilt(sos: SecondOrderSections, x: ArrayLike<number>): Float64Array {
  const trailingZeroB = sos.filter((s) => s[2] === 0).length;
  const trailingZeroA = sos.filter((s) => s[5] === 0).length;
  const padlen = 3 * (2 * sos.length + 1 - Math.min(trailingZeroB, trailingZeroA));
  if (x.length <= padlen) {
    throw new RangeError(`zero-phase IIR needs more than ${padlen} samples, got ${x.length}`);
  }
  // sosfilt_zi: each section's steady state, scaled by the DC gain of the sections before it.
  const zi = new Float64Array(2 * sos.length);
  let dcGain = 1;
  sos.forEach((section, s) => {
    const [z0, z1] = biquadSteadyState(section);
    zi[2 * s] = dcGain * z0;
    zi[2 * s + 1] = dcGain * z1;
    dcGain *= (section[0] + section[1] + section[2]) / (section[3] + section[4] + section[5]);
  });
  const extended = oddExtend(x, padlen);
  const forward = sosFilterWithSteadyState(sos, zi, extended);
  const backward = reverseInPlace(sosFilterWithSteadyState(sos, zi, reverseInPlace(forward)));
  return backward.subarray(padlen, padlen + x.length).slice();
}
