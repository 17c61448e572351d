/**
 * Window-method FIR design, matching scipy.signal.firwin(numtaps, [low, high], pass_zero=False,
 * window='hamming', scale=True, fs) — the band-pass HuBERT-ECG was trained with.
 */

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Symmetric Hamming window (scipy's get_window('hamming', n, fftbins=False)). */
function hammingWindow(length: number): Float64Array {
  const window = new Float64Array(length);
  if (length === 1) {
    window[0] = 1;
    return window;
  }
  for (let i = 0; i < length; i++) window[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (length - 1));
  return window;
}

export function firwinBandpass(numtaps: number, lowHz: number, highHz: number, sampleRateHz: number): Float64Array {
  const nyquistHz = sampleRateHz / 2;
  if (!(lowHz > 0 && lowHz < highHz)) throw new RangeError(`band-pass edges must satisfy 0 < low < high (got ${lowHz}, ${highHz})`);
  if (numtaps % 2 === 0) throw new RangeError('a band-pass FIR needs an odd number of taps');
  const left = lowHz / nyquistHz;
  // Edges at or above Nyquist collapse to an all-pass top (firwin would reject them; low rates need it).
  const right = Math.min(highHz / nyquistHz, 1);
  const alpha = (numtaps - 1) / 2;
  const window = hammingWindow(numtaps);
  const taps = new Float64Array(numtaps);
  for (let i = 0; i < numtaps; i++) {
    const m = i - alpha;
    taps[i] = (right * sinc(right * m) - left * sinc(left * m)) * window[i];
  }
  // Unit gain at the centre of the pass band (scipy's scale=True).
  const scaleFrequency = right === 1 ? 1 : 0.5 * (left + right);
  let gain = 0;
  for (let i = 0; i < numtaps; i++) gain += taps[i] * Math.cos(Math.PI * (i - alpha) * scaleFrequency);
  for (let i = 0; i < numtaps; i++) taps[i] /= gain;
  return taps;
}
