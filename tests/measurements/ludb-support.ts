/** Reads LUDB records and their per-lead expert annotations in place from ../shared. */
import { readFileSync } from 'node:fs';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { parseWfdbAnnotations } from '../../src/main/core/formats/wfdb/annotations.ts';
import type { EcgRecord } from '../../src/shared/ecg/record.ts';
import type { BeatMeasurement } from '../../src/shared/measurements/types.ts';
import { annotatedSpan, referenceBeatsFromLeads, type ReferenceBeat } from '../../bench/measurements-reference.ts';
import { sharedPath } from '../support/shared-data.ts';

export const LUDB_DATA = 'refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data';
export const LUDB_RATE_HZ = 500;
const LEAD_FILES = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

export function readShared(relativePath: string): EcgRecord {
  return parseEcg(fileSource(sharedPath(relativePath)));
}

/** The record and its reference beats inside the annotated span (samples at 500 Hz). */
export function ludbRecord(id: number): { record: EcgRecord; reference: ReferenceBeat[] } {
  const record = readShared(`${LUDB_DATA}/${id}.hea`);
  const perLead = LEAD_FILES.map((lead) => parseWfdbAnnotations(readFileSync(sharedPath(`${LUDB_DATA}/${id}.${lead}`)), `${id}.${lead}`));
  const span = annotatedSpan(perLead);
  const reference = referenceBeatsFromLeads(perLead, LUDB_RATE_HZ).filter((b) => b.qrsPeak >= span.from && b.qrsPeak <= span.to);
  return { record, reference };
}

export type ErrorName = 'pOnset' | 'qrsOnset' | 'qrsOffset' | 'tOffset' | 'pr' | 'qrs' | 'qt';

/**
 * Per-beat errors (ours − experts', ms) of each fiducial and interval over the reference beats we
 * matched within 150 ms; a beat lacking a value on either side adds nothing to that list.
 */
export function beatErrorsMs(beats: readonly BeatMeasurement[], reference: readonly ReferenceBeat[]): Record<ErrorName, number[]> {
  const errors: Record<ErrorName, number[]> = { pOnset: [], qrsOnset: [], qrsOffset: [], tOffset: [], pr: [], qrs: [], qt: [] };
  const add = (name: ErrorName, oursS: number | undefined, referenceSamples: number | undefined) => {
    if (oursS !== undefined && referenceSamples !== undefined) errors[name].push(oursS * 1000 - (referenceSamples * 1000) / LUDB_RATE_HZ);
  };
  const span = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
  for (const ref of reference) {
    const beat = beats.find((b) => Math.abs(b.rPeakS * LUDB_RATE_HZ - ref.qrsPeak) <= 0.15 * LUDB_RATE_HZ);
    if (!beat) continue;
    add('pOnset', beat.pOnsetS, ref.pOnset);
    add('qrsOnset', beat.qrsOnsetS, ref.qrsOnset);
    add('qrsOffset', beat.qrsOffsetS, ref.qrsOffset);
    add('tOffset', beat.tOffsetS, ref.tOffset);
    add('pr', span(beat.pOnsetS, beat.qrsOnsetS), span(ref.pOnset, ref.qrsOnset));
    add('qrs', span(beat.qrsOnsetS, beat.qrsOffsetS), span(ref.qrsOnset, ref.qrsOffset));
    add('qt', span(beat.qrsOnsetS, beat.tOffsetS), span(ref.qrsOnset, ref.tOffset));
  }
  return errors;
}

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}
