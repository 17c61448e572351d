/** Damaged copies of every real MUSE file either decode or fail with EcgParseError, never anything else. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geMuseParser } from '../../src/main/core/formats/ge-muse/muse-parser.ts';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { sharedPath } from '../support/shared-data.ts';
import { mutationsOf } from './vendor-fuzz-mutations.ts';

describe('GE MUSE XML fuzz', () => {
  it.each(['muse_ecg1.xml', 'muse_ecg2.xml', 'example1.xml', 'example2.xml'])('%s: truncated and flipped copies', (name) => {
    const original = new Uint8Array(readFileSync(sharedPath('ecg', 'muse_xml', name)));
    let rejected = 0;
    for (const { label, bytes } of mutationsOf(original, name.length * 101, 40)) {
      try {
        const record = geMuseParser.parse({ fileName: name, bytes, readSibling: () => undefined });
        expect(record.rhythm.leads.length, label).toBeGreaterThan(0);
      } catch (error) {
        expect(error, label).toBeInstanceOf(EcgParseError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});
