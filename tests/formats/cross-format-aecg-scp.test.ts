import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { scpEcgParser } from '../../src/main/core/formats/scp-ecg/scp-ecg-parser.ts';
import { canonicalLeadName } from '../../src/shared/ecg/leads.ts';
import type { EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { bytesSource, readScp, sharedPath } from './scp-ecg-fixtures.ts';

interface AecgSequence {
  lead: string;
  samplesUv: number[];
}

/**
 * The aECG's SLIST_PQ sequences decoded directly (origin + scale × digit), independent of any
 * product parser, in document order.
 */
function readAecgSequences(xml: string): AecgSequence[] {
  const tree: unknown = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(xml);
  const found: AecgSequence[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const code = (record.code as Record<string, unknown> | undefined)?.['@_code'];
    const value = record.value as Record<string, unknown> | undefined;
    if (typeof code === 'string' && code.startsWith('MDC_ECG_LEAD_') && value && typeof value.digits === 'string') {
      const origin = Number((value.origin as Record<string, unknown>)['@_value']);
      const scale = Number((value.scale as Record<string, unknown>)['@_value']);
      const digits = value.digits.trim().split(/\s+/).map(Number);
      found.push({ lead: canonicalLeadName(code), samplesUv: digits.map((d) => origin + scale * d) });
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return found;
}

function expectAgreement(set: EcgWaveformSet, sequences: AecgSequence[], quantumUv: number): void {
  expect(sequences.map((s) => s.lead).sort()).toEqual(set.leads.map((l) => l.name).sort());
  for (const sequence of sequences) {
    const samples = set.leads.find((l) => l.name === sequence.lead)?.samplesUv;
    expect(samples?.length, sequence.lead).toBe(sequence.samplesUv.length);
    let worstUv = 0;
    sequence.samplesUv.forEach((uv, i) => (worstUv = Math.max(worstUv, Math.abs(uv - (samples?.[i] ?? Number.NaN)))));
    expect(worstUv, sequence.lead).toBeLessThanOrEqual(quantumUv);
  }
}

describe('Example.scp and Example aECG.xml are the same recording', () => {
  const scp = scpEcgParser.parse(bytesSource('Example.scp', readScp('Example.scp')));
  const sequences = readAecgSequences(readFileSync(sharedPath('ecg/hl7aecg/Example aECG.xml'), 'utf8'));
  const rhythm = sequences.filter((s) => s.samplesUv.length === 5000);
  const beats = sequences.filter((s) => s.samplesUv.length === 599);

  it('has 12 rhythm leads and 12 representative-beat leads in the aECG', () => {
    expect(rhythm).toHaveLength(12);
    expect(beats).toHaveLength(12);
    expect(rhythm[0].samplesUv.slice(0, 6)).toEqual([-5, -5, -5, -5, -7.5, -10]);
  });

  it('agrees on the rhythm sample for sample within one quantisation step (2.5 µV), no time shift', () => {
    expect(scp.rhythm.sampleRateHz).toBe(500);
    expectAgreement(scp.rhythm, rhythm, 2.5);
  });

  it('agrees on the representative beat within one quantisation step', () => {
    if (!scp.medianBeats) throw new Error('Example.scp has reference beats');
    expectAgreement(scp.medianBeats, beats, 2.5);
  });
});
