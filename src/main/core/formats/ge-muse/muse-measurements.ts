/**
 * RestingECGMeasurements to the record's well-known measurement names. The wave boundaries
 * (POnset … TOffset) are sample indices into the median beat at ECGSampleBase, so they become ms.
 */
import type { SourceMeasurement } from '../../../../shared/ecg/record.ts';
import { numberAt, type XmlElement } from './xml-tree.ts';
import { museRateHz } from './muse-waveforms.ts';

const DIRECT: ReadonlyArray<[tag: string, name: string, unit: string]> = [
  ['VentricularRate', 'heartRateBpm', 'bpm'],
  ['AtrialRate', 'atrialRateBpm', 'bpm'],
  ['PRInterval', 'prMs', 'ms'],
  ['QRSDuration', 'qrsMs', 'ms'],
  ['QTInterval', 'qtMs', 'ms'],
  ['QTCorrected', 'qtcMs', 'ms'],
  ['QTcFrederica', 'qtcFridericiaMs', 'ms'],
  ['PAxis', 'pAxisDeg', 'deg'],
  ['RAxis', 'qrsAxisDeg', 'deg'],
  ['TAxis', 'tAxisDeg', 'deg'],
  ['QRSCount', 'qrsCount', 'beats'],
];

const BOUNDARIES: ReadonlyArray<[tag: string, name: string]> = [
  ['POnset', 'pOnsetMs'],
  ['POffset', 'pOffsetMs'],
  ['QOnset', 'qrsOnsetMs'],
  ['QOffset', 'qrsOffsetMs'],
  ['TOffset', 'tOffsetMs'],
];

export function museMeasurements(block: XmlElement | undefined): SourceMeasurement[] {
  if (!block) return [];
  const measurements: SourceMeasurement[] = [];
  for (const [tag, name, unit] of DIRECT) {
    const value = numberAt(block, tag);
    if (value !== undefined) measurements.push({ name, value, unit, sourceLabel: tag });
  }
  const rateHz = museRateHz(numberAt(block, 'ECGSampleBase'), numberAt(block, 'ECGSampleExponent'));
  if (rateHz !== undefined) {
    for (const [tag, name] of BOUNDARIES) {
      const samples = numberAt(block, tag);
      if (samples !== undefined) measurements.push({ name, value: (samples * 1000) / rateHz, unit: 'ms', sourceLabel: tag });
    }
  }
  return measurements;
}

/** Labels whose values differ between two measurement lists (an over-reader's edits). */
export function editedMeasurementLabels(current: readonly SourceMeasurement[], original: readonly SourceMeasurement[]): string[] {
  const originalByName = new Map(original.map((m) => [m.name, m.value]));
  return current.filter((m) => originalByName.has(m.name) && originalByName.get(m.name) !== m.value).map((m) => m.sourceLabel ?? m.name);
}
