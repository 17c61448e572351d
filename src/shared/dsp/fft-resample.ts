/**
 * Fourier-method resampling, as scipy.signal.resample(x, num) does it for real input: keep the
 * spectrum up to the lower Nyquist, split or join the Nyquist bin, inverse transform, rescale.
 */
import { fft } from './fft.ts';

export function fftResample(x: ArrayLike<number>, outputLength: number): Float64Array {
  const inputLength = x.length;
  if (!Number.isInteger(outputLength) || outputLength < 1) throw new RangeError(`invalid resample length ${outputLength}`);
  if (outputLength === inputLength) return Float64Array.from(x);
  const re = Float64Array.from(x);
  const im = new Float64Array(inputLength);
  fft(re, im);
  // Half spectrum of the output (rfft layout), as scipy builds it.
  const halfLength = Math.floor(outputLength / 2) + 1;
  const yRe = new Float64Array(halfLength);
  const yIm = new Float64Array(halfLength);
  const common = Math.min(outputLength, inputLength);
  const copied = Math.floor(common / 2) + 1;
  for (let k = 0; k < copied && k < halfLength; k++) {
    yRe[k] = re[k];
    yIm[k] = im[k];
  }
  if (common % 2 === 0) {
    const nyquist = common / 2;
    const factor = outputLength < inputLength ? 2 : 0.5;
    yRe[nyquist] *= factor;
    yIm[nyquist] *= factor;
  }
  // irfft: rebuild the Hermitian spectrum; the imaginary parts of DC and an even Nyquist are ignored.
  const fullRe = new Float64Array(outputLength);
  const fullIm = new Float64Array(outputLength);
  for (let k = 0; k < halfLength; k++) {
    fullRe[k] = yRe[k];
    fullIm[k] = yIm[k];
  }
  fullIm[0] = 0;
  if (outputLength % 2 === 0) fullIm[outputLength / 2] = 0;
  for (let k = 1; k < halfLength; k++) {
    if (outputLength - k < halfLength) continue;
    fullRe[outputLength - k] = yRe[k];
    fullIm[outputLength - k] = -yIm[k];
  }
  fft(fullRe, fullIm, true);
  const scale = 1 / inputLength;
  for (let i = 0; i < outputLength; i++) fullRe[i] *= scale;
  return fullRe;
}
