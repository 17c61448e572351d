/** Damaged copies of the real ISHNE pair either decode or fail with EcgParseError, never anything else. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ishneParser } from '../../src/main/core/formats/ishne/ishne-parser.ts';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { sharedPath } from '../support/shared-data.ts';
import { mutationsOf } from './vendor-fuzz-mutations.ts';

const ECG = new Uint8Array(readFileSync(sharedPath('ecg', 'ishne', 'ECG_P28.01.ecg')));
const ANN = new Uint8Array(readFileSync(sharedPath('ecg', 'ishne', 'ECG_P28.01.ann')));

function parses(ecg: Uint8Array, ann: Uint8Array, label: string): boolean {
  try {
    const record = ishneParser.parse({ fileName: 'x.ecg', bytes: ecg, readSibling: (name) => (name === 'x.ann' ? ann : undefined) });
    expect(record.rhythm.leads.length, label).toBeGreaterThan(0);
    return true;
  } catch (error) {
    expect(error, label).toBeInstanceOf(EcgParseError);
    return false;
  }
}

describe('ISHNE fuzz', () => {
  it('truncated and flipped signal files', () => {
    const outcomes = mutationsOf(ECG, 28, 40).map(({ label, bytes }) => parses(bytes, ANN, label));
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });

  it('truncated and flipped annotation files never stop the signal from being read', () => {
    for (const { label, bytes } of mutationsOf(ANN, 1, 60)) expect(parses(ECG, bytes, label), label).toBe(true);
  });
});
