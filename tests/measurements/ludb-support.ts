/** Reads LUDB records and their per-lead expert annotations in place from ../shared. */
import { readFileSync } from 'node:fs';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { parseWfdbAnnotations } from '../../src/main/core/formats/wfdb/annotations.ts';
import type { EcgRecord } from '../../src/shared/ecg/record.ts';
import { annotatedSpan, referenceBeatsFromLeads, type ReferenceBeat } from '../../bench/measurements-reference.ts';
import { sharedPath } from '../support/shared-data.ts';

export const LUDB_DATA = 'refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data';
const LEAD_FILES = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

export function readShared(relativePath: string): EcgRecord {
  return parseEcg(fileSource(sharedPath(relativePath)));
}

/** The record and its reference beats inside the annotated span (samples at 500 Hz). */
export function ludbRecord(id: number): { record: EcgRecord; reference: ReferenceBeat[] } {
  const record = readShared(`${LUDB_DATA}/${id}.hea`);
  const perLead = LEAD_FILES.map((lead) => parseWfdbAnnotations(readFileSync(sharedPath(`${LUDB_DATA}/${id}.${lead}`)), `${id}.${lead}`));
  const span = annotatedSpan(perLead);
  const reference = referenceBeatsFromLeads(perLead, 500).filter((b) => b.qrsPeak >= span.from && b.qrsPeak <= span.to);
  return { record, reference };
}
