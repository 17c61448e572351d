/** Damaged copies of every real Philips file either decode or fail with EcgParseError, never anything else. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { philipsSierraParser } from '../../src/main/core/formats/philips-sierra/sierra-parser.ts';
import { decodeXli, XliFormatError } from '../../src/main/core/formats/philips-sierra/xli-decoder.ts';
import { decodeBase64Strict } from '../../src/main/core/formats/ge-muse/strict-base64.ts';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { sharedPath } from '../support/shared-data.ts';
import { mutationsOf } from './vendor-fuzz-mutations.ts';

const FILES = ['129DYPRG.XML', '3191723_ZZDEMOPTONLY_1-04_orig.xml', '2020-5-18_15-48-11.xml'];

describe('Philips Sierra XML fuzz', () => {
  it.each(FILES)('%s: truncated and flipped copies', (name) => {
    const original = new Uint8Array(readFileSync(sharedPath('ecg', 'philips_xml', name)));
    let rejected = 0;
    for (const { label, bytes } of mutationsOf(original, name.length * 97, 30)) {
      try {
        const record = philipsSierraParser.parse({ fileName: name, bytes, readSibling: () => undefined });
        expect(record.rhythm.leads.length, label).toBeGreaterThan(0);
      } catch (error) {
        expect(error, label).toBeInstanceOf(EcgParseError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it.each(FILES)('%s: the XLI decoder on damaged streams returns or throws XliFormatError', (name) => {
    const buffer = readFileSync(sharedPath('ecg', 'philips_xml', name));
    const text = buffer[0] === 0xff ? buffer.subarray(2).toString('utf16le') : buffer.toString('utf8');
    const data = decodeBase64Strict(/<parsedwaveforms[^>]*>([^<]*)</.exec(text)?.[1] ?? '')!;
    for (const { label, bytes } of mutationsOf(data, name.length * 31, 60)) {
      try {
        const leads = decodeXli(bytes, 12, 5500);
        expect(leads, label).toHaveLength(12);
      } catch (error) {
        expect(error, label).toBeInstanceOf(XliFormatError);
      }
    }
  });
});
