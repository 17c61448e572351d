import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firwinBandpass } from '../../src/shared/dsp/fir-design.ts';
import { firFiltfilt } from '../../src/shared/dsp/zero-phase-filter.ts';
import { DECIMATION_SOS } from '../../src/shared/preprocessing/hubert-ecg/decimation-filter.ts';
import {
  MODEL_INPUT_LENGTH,
  PreprocessingError,
  filterResampleScaleLead,
  preprocessForHubert,
} from '../../src/shared/preprocessing/hubert-ecg/preprocess.ts';
import { STANDARD_12_LEADS } from '../../src/shared/ecg/leads.ts';
import type { EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';

interface Golden {
  fir_bandpass_taps_fs500: number[];
  decimate_sos: number[][];
  after_filter_lead0_first10: number[];
  after_scaling_lead0_first10: number[];
  after_scaling_min_max_per_lead: [number, number][];
  model_input_6000: number[];
}
const golden = JSON.parse(readFileSync(sharedPath('hubert-ecg/preprocessing-golden.json'), 'utf8')) as Golden;

/** The golden input: lead k as the JSON's input_formula says (fs = 500 Hz, 10 s there). */
function goldenLeadValues(k: number, sampleRateHz = 500, durationS = 10): Float64Array {
  const n = Math.round(sampleRateHz * durationS);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRateHz;
    out[i] =
      (0.8 + 0.05 * k) * Math.sin(2 * Math.PI * 1.2 * t + 0.3 * k) +
      0.2 * Math.sin(2 * Math.PI * (8 + k) * t) +
      0.05 * Math.sin(2 * Math.PI * 60 * t) +
      0.3 * Math.sin(2 * Math.PI * 0.1 * t) +
      0.1 * k;
  }
  return out;
}

function goldenLead(k: number, sampleRateHz = 500, durationS = 10): Float32Array {
  return Float32Array.from(goldenLeadValues(k, sampleRateHz, durationS));
}

function goldenRecord(): EcgWaveformSet {
  return {
    sampleRateHz: 500,
    leads: STANDARD_12_LEADS.map((name, k) => ({ name, derived: false, samplesUv: goldenLead(k) })),
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('HuBERT-ECG preprocessing against the golden vector', () => {
  it('designs the 151-tap band-pass exactly as firwin does', () => {
    const taps = firwinBandpass(151, 0.05, 47, 500);
    expect(maxAbsDiff(taps, golden.fir_bandpass_taps_fs500)).toBeLessThan(1e-12);
  });

  it('carries the decimation filter scipy designs', () => {
    expect(maxAbsDiff(DECIMATION_SOS.flat(), golden.decimate_sos.flat())).toBe(0);
  });

  it('filters with filtfilt semantics, then scales each lead to [-1, 1]', () => {
    const filtered = firFiltfilt(firwinBandpass(151, 0.05, 47, 500), goldenLeadValues(0));
    expect(maxAbsDiff(filtered.subarray(0, 10), golden.after_filter_lead0_first10)).toBeLessThan(1e-9);
    const scaled = filterResampleScaleLead(goldenLeadValues(0), 500);
    expect(maxAbsDiff(scaled.subarray(0, 10), golden.after_scaling_lead0_first10)).toBeLessThan(1e-9);
  });

  it('reproduces the exact 6000-sample model input within 1e-5', () => {
    const result = preprocessForHubert(goldenRecord());
    expect(result.windows[0].startS).toBe(0);
    expect(result.windows[0].input.length).toBe(MODEL_INPUT_LENGTH);
    expect(maxAbsDiff(result.windows[0].input, golden.model_input_6000)).toBeLessThan(1e-5);
  });

  it('reads a 10-s record as six time-aligned 5-s windows, one second apart', () => {
    const result = preprocessForHubert(goldenRecord());
    expect(result.windows.map((w) => w.startS)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.missingLeads).toEqual([]);
  });

  it('derives missing limb leads from I and II and feeds absent precordial leads as the window mean', () => {
    const full = goldenRecord();
    const partial: EcgWaveformSet = {
      sampleRateHz: 500,
      leads: full.leads.filter((lead) => !['III', 'aVR', 'aVL', 'aVF', 'V6'].includes(lead.name)),
    };
    const result = preprocessForHubert(partial);
    expect(result.derivedLeads).toEqual(['III', 'aVR', 'aVL', 'aVF']);
    expect(result.missingLeads).toEqual(['V6']);
    const v6 = result.windows[0].input.subarray(11 * 500, 12 * 500);
    const spread = Math.max(...v6.subarray(50, 450)) - Math.min(...v6.subarray(50, 450));
    expect(spread).toBeLessThan(1e-3);
  });

  it('resamples a 1 kHz record to 500 Hz before scaling', () => {
    const leads = STANDARD_12_LEADS.map((name, k) => ({ name, derived: false, samplesUv: goldenLead(k, 1000) }));
    const at1k = preprocessForHubert({ sampleRateHz: 1000, leads });
    const at500 = preprocessForHubert(goldenRecord());
    // Different FIR length at 1 kHz (301 taps), same pass band: the model inputs agree closely.
    expect(maxAbsDiff(at1k.windows[0].input, at500.windows[0].input)).toBeLessThan(0.02);
  });

  it('refuses a record shorter than one window, saying how long it is', () => {
    const short: EcgWaveformSet = {
      sampleRateHz: 500,
      leads: STANDARD_12_LEADS.map((name, k) => ({ name, derived: false, samplesUv: goldenLead(k, 500, 4) })),
    };
    expect(() => preprocessForHubert(short)).toThrow(PreprocessingError);
    expect(() => preprocessForHubert(short)).toThrow(/lasts 4\.00 s/);
  });
});

describe('HuBERT-ECG preprocessing at other sampling rates, against scipy', () => {
  const reference = JSON.parse(
    readFileSync(new URL('../fixtures/hubert-preprocessing-other-rates.json', import.meta.url), 'utf8')
  ) as { cases: { sampleRateHz: number; modelInput: number[] }[] };

  it.each(reference.cases.map((c) => [c.sampleRateHz, c] as const))(
    'filters at %i Hz, resamples to 500 Hz and matches upstream within 1e-5',
    (sampleRateHz, c) => {
      const leads = STANDARD_12_LEADS.map((name, k) => ({ name, derived: false, samplesUv: goldenLead(k, sampleRateHz) }));
      const result = preprocessForHubert({ sampleRateHz, leads });
      expect(maxAbsDiff(result.windows[0].input, c.modelInput)).toBeLessThan(1e-5);
    }
  );
});
