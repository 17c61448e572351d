/** Reading leads out of a decoded record in tests, failing loudly when a lead is missing. */
import type { EcgLead, EcgRecord } from '../../src/shared/ecg/record.ts';

export function findLead(record: EcgRecord, name: string, set: 'rhythm' | 'medianBeats' = 'rhythm'): EcgLead {
  const found = record[set]?.leads.find((l) => l.name === name);
  if (!found) throw new Error(`no lead ${name} in ${set}`);
  return found;
}

/** Samples at the given indexes, rounded to 0.001 µV so float32 noise does not matter. */
export function samplesAt(record: EcgRecord, name: string, indexes: readonly number[]): number[] {
  const samples = findLead(record, name).samplesUv;
  return indexes.map((i) => Number((samples[i] ?? Number.NaN).toFixed(3)));
}
