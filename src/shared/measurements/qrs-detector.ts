/**
 * Multi-lead QRS detection: per lead a 5–20 Hz band-pass, slope, squared and normalised, summed
 * across leads, integrated over 120 ms; then Pan–Tompkins-style adaptive thresholds with
 * searchback and a T-wave check. Pacing spikes are removed first by limiting the sample-to-sample
 * step, so a spike cannot dominate the energy.
 */
import { movingAverage, quantile, signalQuantiles, zeroPhaseFilterLeads } from './filters.ts';

const REFRACTORY_S = 0.2;
const T_WAVE_WINDOW_S = 0.36;
/** One lead may add at most this many times its typical QRS energy: an artefact in one lead cannot make a beat. */
const LEAD_ENERGY_CAP = 3;

/** Limits every step to a few times the lead's typical large step, removing narrow pacing spikes. */
function limitSteps(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const steps = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) steps[i - 1] = Math.abs(x[i] - x[i - 1]);
  const out = new Float64Array(n);
  if (n === 0) return out;
  const limit = 4 * (signalQuantiles(steps, [0.99])[0] ?? 0);
  let level = x[0];
  out[0] = level;
  for (let i = 1; i < n; i++) {
    const step = x[i] - x[i - 1];
    level += limit > 0 ? Math.max(-limit, Math.min(limit, step)) : step;
    out[i] = level;
  }
  return out;
}

/**
 * Adds to `total` a lead's slope energy (the squared central-difference slope of its 5–20 Hz
 * band), normalised by its typical (median per-second maximum) value and capped. The band's own
 * array takes the raw energy in place, so one pass finds the energy and the maxima, a second adds.
 */
function addNormalisedEnergy(band: Float64Array, sampleRateHz: number, total: Float64Array): void {
  const n = band.length;
  if (n < 2) return;
  const second = Math.max(1, Math.round(sampleRateHz));
  const maxima: number[] = [];
  let blockMax = 0;
  let blockEnd = Math.min(n, second);
  let previous = band[0];
  for (let i = 0; i < n; i++) {
    const current = band[i];
    let slope: number;
    if (i === 0) slope = (band[1] - current) * sampleRateHz;
    else if (i === n - 1) slope = (current - previous) * sampleRateHz;
    else slope = ((band[i + 1] - previous) * sampleRateHz) / 2;
    previous = current;
    const energy = slope * slope;
    band[i] = energy;
    if (energy > blockMax) blockMax = energy;
    if (i + 1 === blockEnd) {
      maxima.push(blockMax);
      blockMax = 0;
      blockEnd = Math.min(n, blockEnd + second);
    }
  }
  const scale = quantile(maxima, 0.5) ?? 0;
  if (!(scale > 0)) return;
  for (let i = 0; i < n; i++) total[i] += Math.min(LEAD_ENERGY_CAP, band[i] / scale);
}

export interface QrsDetection {
  /** Sample index of each QRS (the maximum of the combined slope energy). */
  qrsIndices: number[];
  /** The combined, normalised slope energy (per sample), for later alignment. */
  energy: Float64Array;
}

function localMaxima(x: Float64Array, minDistance: number): number[] {
  const peaks: number[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    if (x[i] > x[i - 1] && x[i] >= x[i + 1]) {
      const last = peaks.at(-1);
      if (last !== undefined && i - last < minDistance) {
        if (x[i] > x[last]) peaks[peaks.length - 1] = i;
      } else {
        peaks.push(i);
      }
    }
  }
  return peaks;
}

/** Detects QRS complexes on all usable leads together. `leads` must share `sampleRateHz`. */
export function detectQrs(leads: readonly Float32Array[], sampleRateHz: number): QrsDetection {
  const n = leads.reduce((m, l) => Math.max(m, l.length), 0);
  const energy = new Float64Array(n);
  const bands = zeroPhaseFilterLeads(leads.map(limitSteps), sampleRateHz, { highPassHz: 5, lowPassHz: 20 });
  for (const band of bands) addNormalisedEnergy(band, sampleRateHz, energy);
  const integrated = movingAverage(energy, Math.round(0.12 * sampleRateHz) | 1);
  const refractory = Math.round(REFRACTORY_S * sampleRateHz);
  const candidates = localMaxima(integrated, Math.round(0.05 * sampleRateHz));
  if (candidates.length === 0) return { qrsIndices: [], energy };

  const learning = Math.min(n, Math.round(2 * sampleRateHz));
  let learnMax = 0;
  for (let i = 0; i < learning; i++) learnMax = Math.max(learnMax, integrated[i]);
  let signalLevel = 0.6 * learnMax;
  let noiseLevel = 0.1 * learnMax;
  const threshold = () => noiseLevel + 0.25 * (signalLevel - noiseLevel);

  const beats: number[] = [];
  const beatSlopes: number[] = [];
  const peakSlope = (index: number) => {
    let m = 0;
    const half = Math.round(0.06 * sampleRateHz);
    for (let i = Math.max(0, index - half); i <= Math.min(n - 1, index + half); i++) m = Math.max(m, energy[i]);
    return m;
  };
  const meanRr = () => {
    const recent = beats.slice(-9);
    if (recent.length < 2) return undefined;
    return (recent[recent.length - 1] - recent[0]) / (recent.length - 1);
  };
  const accept = (index: number, searchback: boolean) => {
    beats.push(index);
    beatSlopes.push(peakSlope(index));
    const weight = searchback ? 0.25 : 0.125;
    signalLevel = weight * integrated[index] + (1 - weight) * signalLevel;
  };

  let lastSearched = 0;
  for (let c = 0; c < candidates.length; c++) {
    const index = candidates[c];
    const last = beats.at(-1);
    const rr = meanRr();
    if (last !== undefined && rr !== undefined && index - last > 1.66 * rr) {
      // Searchback: the largest skipped peak above half the threshold becomes a beat.
      let best = -1;
      for (let k = lastSearched; k < c; k++) {
        const p = candidates[k];
        if (p - last < refractory || index - p < refractory) continue;
        if (integrated[p] > 0.5 * threshold() && (best < 0 || integrated[p] > integrated[best])) best = p;
      }
      if (best >= 0) accept(best, true);
    }
    lastSearched = c;
    const previous = beats.at(-1);
    const value = integrated[index];
    if (value <= threshold()) {
      noiseLevel = 0.125 * value + 0.875 * noiseLevel;
      continue;
    }
    if (previous !== undefined && index - previous < refractory) {
      if (value > integrated[previous]) {
        beats[beats.length - 1] = index;
        beatSlopes[beatSlopes.length - 1] = peakSlope(index);
      }
      continue;
    }
    if (previous !== undefined && index - previous < T_WAVE_WINDOW_S * sampleRateHz) {
      if (peakSlope(index) < 0.5 * beatSlopes[beatSlopes.length - 1]) {
        noiseLevel = 0.125 * value + 0.875 * noiseLevel;
        continue;
      }
    }
    accept(index, false);
  }

  // Fiducial: the centre of the QRS slope energy (40 ms smoothing), steadier than its sharpest sample.
  const centred = movingAverage(energy, Math.round(0.04 * sampleRateHz) | 1);
  const half = Math.round(0.06 * sampleRateHz);
  const qrsIndices = beats.map((b) => {
    let best = b;
    for (let i = Math.max(0, b - half); i <= Math.min(n - 1, b + half); i++) if (centred[i] > centred[best]) best = i;
    return best;
  });
  return { qrsIndices, energy };
}
