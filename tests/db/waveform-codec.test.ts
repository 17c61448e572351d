import { describe, expect, it } from 'vitest';
import { withDerivedLimbLeads } from '../../src/shared/ecg/leads.ts';
import type { EcgLead } from '../../src/shared/ecg/record.ts';
import { decodeWaveformSet, encodeWaveformSet } from '../../src/main/core/storage/waveform-codec.ts';
import { readPtbxl500 } from './ptbxl-fixture.ts';

function expectIdentical(actual: EcgLead[], expected: EcgLead[]): void {
  expect(actual.map((l) => [l.name, l.derived, l.resolutionUv])).toEqual(expected.map((l) => [l.name, l.derived, l.resolutionUv]));
  actual.forEach((lead, i) => expect(Buffer.from(lead.samplesUv.buffer).equals(Buffer.from(expected[i].samplesUv.buffer))).toBe(true));
}

const PTBXL_IDS = [1, 2, 17, 137, 143, 155, 238, 256, 346, 400];

describe('waveform codec', () => {
  it('round-trips real PTB-XL 500 Hz records bit for bit, each at most 60 KB', () => {
    for (const ecgId of PTBXL_IDS) {
      const { rhythm } = readPtbxl500(ecgId);
      const blob = encodeWaveformSet(rhythm);
      expect(blob.length).toBeLessThanOrEqual(60 * 1024);
      const decoded = decodeWaveformSet(blob);
      expect(decoded.sampleRateHz).toBe(500);
      expectIdentical(decoded.leads, rhythm.leads);
    }
  });

  it('recomputes derived limb leads instead of storing them', () => {
    const recorded = readPtbxl500(1).rhythm.leads.filter((l) => !['III', 'aVR', 'aVL', 'aVF'].includes(l.name));
    const withDerived = withDerivedLimbLeads(recorded);
    expect(withDerived.filter((l) => l.derived).map((l) => l.name)).toEqual(['III', 'aVR', 'aVL', 'aVF']);
    const blob = encodeWaveformSet({ sampleRateHz: 500, leads: withDerived });
    const eightLeadBlob = encodeWaveformSet({ sampleRateHz: 500, leads: recorded });
    // Only the lead names and a flag byte each are added for the four derived leads.
    expect(blob.length - eightLeadBlob.length).toBeLessThan(40);
    expectIdentical(decodeWaveformSet(blob).leads, withDerived);
  });

  it('keeps non-integer samples, NaN gaps and odd resolutions exactly as float32', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) * 1234.5678);
    samples[10] = Number.NaN;
    const counts = Float32Array.from({ length: 1000 }, (_, i) => Math.round(Math.cos(i / 9) * 800) * 4.88);
    const leads: EcgLead[] = [
      { name: 'I', derived: false, samplesUv: samples, resolutionUv: 2.5 },
      { name: 'II', derived: false, samplesUv: counts, resolutionUv: 4.88 },
      // Marked derived but not what withDerivedLimbLeads computes: must be stored, not recomputed.
      { name: 'III', derived: true, samplesUv: new Float32Array(1000).fill(7) },
    ];
    const decoded = decodeWaveformSet(encodeWaveformSet({ sampleRateHz: 250, leads }));
    expect(Number.isNaN(decoded.leads[0].samplesUv[10])).toBe(true);
    expectIdentical(decoded.leads, leads);
  });

  it('rejects a damaged blob with a clear error', () => {
    const blob = encodeWaveformSet(readPtbxl500(2).rhythm);
    expect(() => decodeWaveformSet(blob.subarray(0, blob.length / 2))).toThrow(/stored waveform is damaged/);
  });
});
