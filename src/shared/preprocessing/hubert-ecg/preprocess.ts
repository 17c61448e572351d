/**
 * HuBERT-ECG input preprocessing, exactly as the authors trained (code/utils.py ecg_preprocessing and
 * code/dataset.py; ../shared/hubert-ecg/SPEC.md §2):
 *   per lead over the analysed segment: FIR band-pass 0.05–47 Hz (numtaps = int(0.3·fs), odd) with
 *   filtfilt at the record's own rate → FFT resampling to 500 Hz → min–max scaling to [−1, 1];
 *   per 5-s window: NaN → the window's mean, lead-major flattening, decimation by 5 (Chebyshev-I,
 *   sosfiltfilt) → float32[6000].
 * Windows: records of 10 s or more are read over their first 10 s with windows starting every second
 * (0–5 s), aggregated with max like the paper's test-time augmentation (and the mean kept too);
 * records of 5–10 s give windows every second that fit; shorter records are refused.
 */
import { firwinBandpass } from '../../dsp/fir-design.ts';
import { fftResample } from '../../dsp/fft-resample.ts';
import { firFiltfilt, sosFiltfilt } from '../../dsp/zero-phase-filter.ts';
import { STANDARD_12_LEADS } from '../../ecg/leads.ts';
import { withDerivedLimbLeads } from '../../ecg/leads.ts';
import type { EcgWaveformSet } from '../../ecg/record.ts';
import { DECIMATION_FACTOR, DECIMATION_SOS } from './decimation-filter.ts';

export const HUBERT_PREPROCESSING_ID = 'hubert-ecg-v1';
export const MODEL_SAMPLE_RATE_HZ = 100;
export const WORKING_SAMPLE_RATE_HZ = 500;
export const WINDOW_S = 5;
export const ANALYSED_SEGMENT_S = 10;
export const WINDOW_STEP_S = 1;
export const MODEL_INPUT_LENGTH = STANDARD_12_LEADS.length * WINDOW_S * MODEL_SAMPLE_RATE_HZ;
const BAND_PASS_HZ: readonly [number, number] = [0.05, 47];
const SCALING_EPSILON = 1e-8;

export interface HubertWindow {
  startS: number;
  /** float32[6000]: 12 leads × 500 samples, lead-major, as fed to the model. */
  input: Float32Array;
}

export interface HubertPreprocessed {
  preprocessingId: string;
  windows: HubertWindow[];
  /** Standard leads the record lacked, fed as the window mean (the upstream NaN rule). */
  missingLeads: string[];
  /** Leads computed from I and II because the source did not store them. */
  derivedLeads: string[];
  analysedDurationS: number;
}

/** Why a record cannot be fed to HuBERT-ECG; the message is for the user. */
export class PreprocessingError extends Error {
  override readonly name = 'PreprocessingError';
}

/** FIR length the authors use at a given rate: int(0.3·fs), made odd (biosppy adds one). */
export function bandPassTapCount(sampleRateHz: number): number {
  const order = Math.trunc(0.3 * sampleRateHz);
  return order % 2 === 0 ? order + 1 : order;
}

/** ecg_preprocessing for one lead: band-pass at its own rate, resample to 500 Hz, min–max to [−1, 1]. */
export function filterResampleScaleLead(samples: ArrayLike<number>, sampleRateHz: number): Float64Array {
  const taps = firwinBandpass(bandPassTapCount(sampleRateHz), BAND_PASS_HZ[0], BAND_PASS_HZ[1], sampleRateHz);
  const filtered = firFiltfilt(taps, samples);
  const resampled =
    sampleRateHz === WORKING_SAMPLE_RATE_HZ
      ? filtered
      : fftResample(filtered, Math.trunc((filtered.length * WORKING_SAMPLE_RATE_HZ) / sampleRateHz));
  let min = Infinity;
  let max = -Infinity;
  for (const v of resampled) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = 2 / (max - min + SCALING_EPSILON);
  return resampled.map((v) => (v - min) * scale - 1);
}

/** One window: NaN → the window's mean, flatten lead-major, decimate the 30000 samples by 5. */
export function windowToModelInput(leadsScaled: readonly (Float64Array | null)[], startSample: number): Float32Array {
  const perLead = WINDOW_S * WORKING_SAMPLE_RATE_HZ;
  const flat = new Float64Array(leadsScaled.length * perLead);
  let sum = 0;
  let count = 0;
  leadsScaled.forEach((lead, l) => {
    for (let i = 0; i < perLead; i++) {
      const v = lead ? lead[startSample + i] : NaN;
      flat[l * perLead + i] = v;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
  });
  const mean = count > 0 ? sum / count : 0;
  for (let i = 0; i < flat.length; i++) if (Number.isNaN(flat[i])) flat[i] = mean;
  const filtered = sosFiltfilt(DECIMATION_SOS, flat);
  const out = new Float32Array(Math.ceil(flat.length / DECIMATION_FACTOR));
  for (let i = 0; i < out.length; i++) out[i] = filtered[i * DECIMATION_FACTOR];
  return out;
}

function leadIsUsable(samples: Float32Array | undefined): samples is Float32Array {
  return samples !== undefined && samples.some((v) => !Number.isNaN(v));
}

export function preprocessForHubert(rhythm: EcgWaveformSet): HubertPreprocessed {
  const { sampleRateHz } = rhythm;
  if (!(sampleRateHz >= 50)) {
    throw new PreprocessingError(`sampling rate ${sampleRateHz} Hz is too low for HuBERT-ECG (needs at least 100 Hz)`);
  }
  const withDerived = withDerivedLimbLeads(rhythm.leads);
  const byName = new Map(withDerived.map((lead) => [lead.name, lead]));
  const sampleCount = withDerived.reduce((n, lead) => Math.max(n, lead.samplesUv.length), 0);
  const durationS = sampleCount / sampleRateHz;
  if (durationS < WINDOW_S) {
    throw new PreprocessingError(`the record lasts ${durationS.toFixed(2)} s; HuBERT-ECG needs at least ${WINDOW_S} s`);
  }
  const analysedSamples = Math.min(sampleCount, Math.round(ANALYSED_SEGMENT_S * sampleRateHz));
  const missingLeads: string[] = [];
  const derivedLeads: string[] = [];
  const leadsScaled = STANDARD_12_LEADS.map((name) => {
    const lead = byName.get(name);
    const samples = lead?.samplesUv.subarray(0, analysedSamples);
    if (!leadIsUsable(samples) || samples.length < analysedSamples) {
      missingLeads.push(name);
      return null;
    }
    if (lead?.derived && !rhythm.leads.some((l) => l.name === name)) derivedLeads.push(name);
    // A lead with a few missing samples would turn wholly NaN in the filter (as upstream); hold the last value instead.
    return filterResampleScaleLead(fillGaps(samples), sampleRateHz);
  });
  if (missingLeads.length === STANDARD_12_LEADS.length) {
    throw new PreprocessingError('the record has none of the 12 standard leads');
  }
  const scaledLength = leadsScaled.find((lead) => lead !== null)?.length ?? 0;
  const windowSamples = WINDOW_S * WORKING_SAMPLE_RATE_HZ;
  const stepSamples = WINDOW_STEP_S * WORKING_SAMPLE_RATE_HZ;
  const windows: HubertWindow[] = [];
  for (let start = 0; start + windowSamples <= scaledLength; start += stepSamples) {
    windows.push({ startS: start / WORKING_SAMPLE_RATE_HZ, input: windowToModelInput(leadsScaled, start) });
  }
  return {
    preprocessingId: HUBERT_PREPROCESSING_ID,
    windows,
    missingLeads,
    derivedLeads,
    analysedDurationS: analysedSamples / sampleRateHz,
  };
}

function fillGaps(samples: Float32Array): Float64Array {
  const out = Float64Array.from(samples);
  let last = out.find((v) => !Number.isNaN(v)) ?? 0;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) out[i] = last;
    else last = out[i];
  }
  return out;
}
