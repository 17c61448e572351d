import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWfdbAnnotations } from '../../src/main/core/formats/wfdb/annotations.ts';
import { detectQrs } from '../../src/shared/measurements/qrs-detector.ts';
import { sharedPath } from '../support/shared-data.ts';
import { readShared } from './ludb-support.ts';

describe('QRS detection on MIT-BIH record 100 (30 min, 2 leads, 360 Hz)', () => {
  it('finds the 2273 annotated beats with sensitivity and positive predictivity ≥ 99.5 % (150 ms)', () => {
    const record = readShared('ecg/wfdb/mitdb/100.hea');
    const fs = record.rhythm.sampleRateHz;
    expect(fs).toBe(360);
    // 2239 N + 33 A + 1 V beat labels in 100.atr.
    const reference = parseWfdbAnnotations(readFileSync(sharedPath('ecg/wfdb/mitdb/100.atr')), '100.atr')
      .filter((a) => ['N', 'A', 'V'].includes(a.code))
      .map((a) => a.sample);
    expect(reference).toHaveLength(2273);
    const detected = detectQrs(record.rhythm.leads.map((l) => l.samplesUv), fs).qrsIndices;
    const tolerance = 0.15 * fs;
    let matched = 0;
    let j = 0;
    for (const r of reference) {
      while (j < detected.length && detected[j] < r - tolerance) j++;
      if (j < detected.length && Math.abs(detected[j] - r) <= tolerance) {
        matched++;
        j++;
      }
    }
    expect(matched / reference.length).toBeGreaterThanOrEqual(0.995);
    expect(matched / detected.length).toBeGreaterThanOrEqual(0.995);
  });
});
