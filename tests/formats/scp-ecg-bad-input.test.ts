import { describe, expect, it } from 'vitest';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import { crcCcitt } from '../../src/main/core/formats/scp-ecg/crc-ccitt.ts';
import { scpEcgParser } from '../../src/main/core/formats/scp-ecg/scp-ecg-parser.ts';
import { bytesSource, readScp, resealCrcs, SCP_FILES } from './scp-ecg-fixtures.ts';
import { seededRandom } from '../support/seeded-random.ts';

function parseBytes(fileName: string, bytes: Uint8Array): unknown {
  return scpEcgParser.parse(bytesSource(fileName, bytes));
}

function expectParseError(fileName: string, bytes: Uint8Array, problem: RegExp): void {
  let thrown: unknown;
  try {
    parseBytes(fileName, bytes);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EcgParseError);
  const error = thrown as EcgParseError;
  expect(error.fileName).toBe(fileName);
  expect(error.message.startsWith(`${fileName}: `)).toBe(true);
  expect(error.problem).toMatch(problem);
}

/** Byte offset in the file of a section's body, from the section 0 pointer table. */
function sectionBodyOffset(bytes: Uint8Array, id: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 22; offset < 6 + view.getUint32(10, true); offset += 10) {
    if (view.getUint16(offset, true) === id) return view.getUint32(offset + 6, true) - 1 + 16;
  }
  throw new Error(`no section ${id}`);
}

describe('SCP-ECG bad input', () => {
  const welch = 'ECG_20070321_110542_ANON000004.SCP';

  it('rejects an empty file', () => {
    expectParseError('empty.scp', new Uint8Array(0), /empty/);
  });

  it('rejects random bytes', () => {
    const random = seededRandom(7);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    expectParseError('random.scp', bytes, /SCP-ECG/);
    expect(scpEcgParser.sniff(bytesSource('random.bin', bytes))).toBe(false);
  });

  it('rejects a truncated file, naming the declared and actual sizes', () => {
    const bytes = readScp(welch).subarray(0, 20000);
    expectParseError(welch, bytes, /truncated: the record declares 25666 bytes, the file has 20000/);
  });

  it('rejects a wrong record CRC', () => {
    const bytes = readScp(welch).slice();
    bytes[0] ^= 0xff;
    expectParseError(welch, bytes, /record CRC mismatch/);
  });

  it('rejects a wrong section CRC, naming the section', () => {
    const bytes = readScp(welch).slice();
    bytes[sectionBodyOffset(bytes, 6) + 100] ^= 0x01;
    expectParseError(welch, sealRecordOnly(bytes), /section 6 CRC mismatch/);
  });

  it('rejects a corrupted Huffman stream without hanging', () => {
    const bytes = readScp(welch).slice();
    const sixBody = sectionBodyOffset(bytes, 6);
    // All ones: every code is the 26-bit escape, so lead I's 2783 bytes hold only 856 samples.
    bytes.fill(0xff, sixBody + 6 + 16, sixBody + 6 + 16 + 2783);
    expectParseError(welch, resealCrcs(bytes), /section 6 lead I: Huffman data ends after 856 of 6000 samples/);
  });

  it('rejects a section 3 that declares more samples than the Huffman data can hold', () => {
    const bytes = readScp(welch).slice();
    const threeBody = sectionBodyOffset(bytes, 3);
    new DataView(bytes.buffer).setUint32(threeBody + 2 + 4, 100_000, true);
    expectParseError(welch, resealCrcs(bytes), /section 6 lead I: 100000 samples declared but 2783 bytes/);
    new DataView(bytes.buffer).setUint32(threeBody + 2 + 4, 4_000_000_000, true);
    expectParseError(welch, resealCrcs(bytes), /section 3 declares leads longer than any ECG/);
  });

  it('rejects a file whose Section 6 is missing', () => {
    const bytes = readScp(welch).slice();
    const view = new DataView(bytes.buffer);
    for (let offset = 22; offset < 142; offset += 10) {
      if (view.getUint16(offset, true) === 6) view.setUint32(offset + 2, 0, true);
    }
    expectParseError(welch, resealCrcs(bytes), /no rhythm data \(section 6\)/);
  });

  it('goes through parseEcg for a .SCP name', () => {
    expect(() => parseEcg(bytesSource('broken.SCP', new Uint8Array(30)))).toThrow(EcgParseError);
  });
});

/** Recomputes only the record CRC, leaving every section CRC as it is. */
function sealRecordOnly(bytes: Uint8Array): Uint8Array {
  const sealed = bytes.slice();
  const view = new DataView(sealed.buffer);
  view.setUint16(0, crcCcitt(sealed, 2, view.getUint32(2, true)), true);
  return sealed;
}

describe('SCP-ECG fuzz: truncated and bit-flipped real files decode or throw EcgParseError', () => {
  for (const fileName of SCP_FILES) {
    it(fileName, () => {
      const original = readScp(fileName);
      const random = seededRandom(fileName.length * 7919);
      const outcomes = { decoded: 0, rejected: 0 };
      const attempt = (bytes: Uint8Array): void => {
        try {
          parseBytes(fileName, bytes);
          outcomes.decoded++;
        } catch (error) {
          if (!(error instanceof EcgParseError)) throw error;
          outcomes.rejected++;
        }
      };
      for (let i = 0; i < 8; i++) {
        const cut = Math.floor(random() * original.length);
        attempt(original.subarray(0, cut));
        attempt(resealCrcs(original.subarray(0, cut)));
      }
      for (let i = 0; i < 24; i++) {
        const mutated = original.slice();
        const flips = 1 + Math.floor(random() * 8);
        // Half the mutations hit the first 600 bytes, where the headers and small sections live.
        const span = i % 2 === 0 ? Math.min(600, original.length) : original.length;
        for (let f = 0; f < flips; f++) mutated[Math.floor(random() * span)] ^= 1 << Math.floor(random() * 8);
        attempt(mutated);
        attempt(resealCrcs(mutated));
      }
      expect(outcomes.decoded + outcomes.rejected).toBe(64);
      expect(outcomes.rejected).toBeGreaterThan(0);
    });
  }
});
