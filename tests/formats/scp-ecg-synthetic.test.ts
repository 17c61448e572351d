/**
 * SCP-ECG features no real file in ../shared uses, on records built by the test writer in
 * scp-ecg-fixtures.ts: bimodal compression, reference-beat add-back, confirmed and coded statements.
 */
import { describe, expect, it } from 'vitest';
import { EcgParseError } from '../../src/main/core/formats/parser.ts';
import { scpEcgParser } from '../../src/main/core/formats/scp-ecg/scp-ecg-parser.ts';
import type { EcgLead, EcgRecord } from '../../src/shared/ecg/record.ts';
import {
  buildScpRecord,
  bytesSource,
  defaultHuffmanEncode,
  defaultHuffmanSection,
  encodedWaveformSection,
  firstDifferences,
  int16Encode,
  leadSection,
  patientSection,
  qrsSection,
  readScp,
  textStatementSection,
  universalStatementSection,
  type QrsComplex,
} from './scp-ecg-fixtures.ts';
import { findLead } from '../support/record-leads.ts';

function parse(bodies: ReadonlyMap<number, Uint8Array>): EcgRecord {
  return scpEcgParser.parse(bytesSource('synthetic.scp', buildScpRecord(bodies)));
}

function parseError(bodies: ReadonlyMap<number, Uint8Array>): string {
  try {
    parse(bodies);
  } catch (error) {
    expect(error).toBeInstanceOf(EcgParseError);
    return (error as Error).message;
  }
  throw new Error('parsed without error');
}


function counts(l: EcgLead, uvPerCount: number): number[] {
  return Array.from(l.samplesUv, (uv) => uv / uvPerCount);
}

/*
 * Bimodal record: leads I and II over samples 1–42 at 500 Hz, one protected zone 13–24, decimation
 * factor 4 (section 6 at 8000 µs against section 5 at 2000 µs), 5 µV per count. Outside the zone
 * the writer stores the mean of each group of 4 samples, and the 2 samples left over at the end
 * undecimated.
 */
const FULL_RATE_INTERVAL_US = 2000;
const FACTOR = 4;
const AVM_NV = 5000;
const PROTECTED_ZONE = { startSample: 13, endSample: 24 };

const ORIGINAL_I = [
  ...[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110],
  ...[200, 400, -300, 1000, 50, -20, 7, 3, 0, -1, 2, 5],
  ...[30, 30, 30, 30, 30, 30, 30, 30, -10, -10, -10, -10, -10, -10, -10, -10, -10, -12],
];
const ORIGINAL_II = [
  ...Array.from({ length: 12 }, () => 100),
  ...Array.from({ length: 12 }, (_, i) => 11 * (i + 1)),
  ...Array.from({ length: 16 }, (_, i) => -20 * i),
  7,
  9,
];

function groupMeans(samples: readonly number[]): number[] {
  const means: number[] = [];
  for (let i = 0; i + FACTOR <= samples.length; i += FACTOR) {
    means.push(samples.slice(i, i + FACTOR).reduce((sum, v) => sum + v, 0) / FACTOR);
  }
  return means;
}

/** What the bimodal encoder stores for one lead: means, zone samples, means, leftover samples. */
function bimodalStored(samples: readonly number[]): number[] {
  const before = samples.slice(0, 12);
  const zone = samples.slice(12, 24);
  const after = samples.slice(24);
  const whole = after.length - (after.length % FACTOR);
  return [...groupMeans(before), ...zone, ...groupMeans(after.slice(0, whole)), ...after.slice(whole)];
}

/** Reference beat: 40 ms = 20 samples at 500 Hz, fiducial at its sample 10. */
const REFERENCE_I = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 40, 35, 30, 25, 20, 15, 10, 5, 0, -5];
const REFERENCE_II = Array.from({ length: 20 }, () => 0);
/** Subtraction zone 9–30 with the fiducial at 18: rhythm sample k meets reference sample k − 8. */
const COMPLEX: QrsComplex = { beatType: 0, startSample: 9, fiducialSample: 18, endSample: 30 };

function bimodalRecord(options: {
  subtracted?: boolean;
  rhythmIntervalUs?: number;
  withReferenceBeats?: boolean;
  zones?: readonly { startSample: number; endSample: number }[] | null;
}): Map<number, Uint8Array> {
  const rhythm = [bimodalStored(ORIGINAL_I), bimodalStored(ORIGINAL_II)].map((stored) => defaultHuffmanEncode(firstDifferences(stored)));
  const zones = options.zones === null ? undefined : (options.zones ?? [PROTECTED_ZONE]);
  const bodies = new Map<number, Uint8Array>([
    [1, patientSection('BIMODAL-1')],
    [2, defaultHuffmanSection()],
    [
      3,
      leadSection(
        [
          { code: 1, startSample: 1, endSample: 42 },
          { code: 2, startSample: 1, endSample: 42 },
        ],
        options.subtracted ?? false
      ),
    ],
    [4, qrsSection(40, 10, [COMPLEX], zones)],
    [6, encodedWaveformSection(AVM_NV, options.rhythmIntervalUs ?? FULL_RATE_INTERVAL_US * FACTOR, 1, true, rhythm)],
  ]);
  if (options.withReferenceBeats ?? true) {
    const beats = [REFERENCE_I, REFERENCE_II].map((beat) => defaultHuffmanEncode(beat));
    bodies.set(5, encodedWaveformSection(AVM_NV, FULL_RATE_INTERVAL_US, 0, false, beats));
  }
  return bodies;
}

/** Hand-computed reconstruction: means sit at group centres 1.5, 5.5, 9.5 … and are joined linearly. */
const RECONSTRUCTED_I = [
  ...[15, 15, 20, 30, 40, 50, 60, 70, 80, 90, 95, 95],
  ...[200, 400, -300, 1000, 50, -20, 7, 3, 0, -1, 2, 5],
  ...[30, 30, 30, 30, 30, 30, 25, 15, 5, -5, -10, -10, -10, -10, -10, -10],
  ...[-10, -12],
];
const RECONSTRUCTED_II = [
  ...Array.from({ length: 12 }, () => 100),
  ...[11, 22, 33, 44, 55, 66, 77, 88, 99, 110, 121, 132],
  ...[-30, -30, -40, -60, -80, -100, -120, -140, -160, -180, -200, -220, -240, -260, -270, -270],
  ...[7, 9],
];

describe('SCP-ECG bimodal compression (synthetic record)', () => {
  it('stores 21 values per lead for 42 samples (3 + 12 + 4 means and zone samples, 2 left over)', () => {
    expect(bimodalStored(ORIGINAL_I)).toEqual([15, 55, 95, 200, 400, -300, 1000, 50, -20, 7, 3, 0, -1, 2, 5, 30, 30, -10, -10, -10, -12]);
    expect(bimodalStored(ORIGINAL_II)).toHaveLength(21);
  });

  it('rebuilds 42 samples per lead at the full 500 Hz, the protected zone exactly', () => {
    const record = parse(bimodalRecord({}));
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF']);
    const leadI = findLead(record, 'I');
    expect(leadI.samplesUv).toHaveLength(42);
    expect(counts(leadI, 5).slice(12, 24)).toEqual(ORIGINAL_I.slice(12, 24));
    expect(counts(leadI, 5)).toEqual(RECONSTRUCTED_I);
    expect(counts(findLead(record, 'II'), 5)).toEqual(RECONSTRUCTED_II);
    // Interpolated values fall between quantisation steps, so no resolution is claimed.
    expect(leadI.resolutionUv).toBeUndefined();
    expect(record.medianBeats?.sampleRateHz).toBe(500);
    expect(record.patient.id).toBe('BIMODAL-1');
    expect(record.warnings).toEqual([]);
  });

  it('brings a linear ramp back exactly between the first and last group centres', () => {
    const record = parse(bimodalRecord({}));
    const rampI = counts(findLead(record, 'I'), 5).slice(2, 10);
    expect(rampI).toEqual(ORIGINAL_I.slice(2, 10));
    expect(counts(findLead(record, 'II'), 5).slice(26, 38)).toEqual(ORIGINAL_II.slice(26, 38));
  });

  it('adds the reference beat back after rebuilding, into decimated and protected samples alike', () => {
    const record = parse(bimodalRecord({ subtracted: true }));
    const expected = RECONSTRUCTED_I.map((value, i) => {
      const k = i + 1;
      return k >= 9 && k <= 28 ? value + REFERENCE_I[k - 8 - 1] : value;
    });
    // Samples 9–12 (decimated), 13–24 (protected) and 25–28 (decimated) carry the beat.
    expect(expected.slice(8, 12)).toEqual([80, 95, 105, 110]);
    expect(counts(findLead(record, 'I'), 5)).toEqual(expected);
    expect(counts(findLead(record, 'II'), 5)).toEqual(RECONSTRUCTED_II);
  });

  it('refuses bimodal data it cannot rebuild, naming the file and the reason', () => {
    expect(parseError(bimodalRecord({ withReferenceBeats: false }))).toMatch(
      /^synthetic\.scp: SCP-ECG: section 6 uses bimodal compression, but section 5 giving the full sampling rate is missing/
    );
    expect(parseError(bimodalRecord({ zones: null }))).toMatch(/section 4 holds no protected zones/);
    expect(parseError(bimodalRecord({ rhythmIntervalUs: 5000 }))).toMatch(
      /rhythm interval \(5000 µs\) is not a whole multiple of the reference-beat interval \(2000 µs\)/
    );
  });

  it('refuses protected zones that overlap', () => {
    const bodies = bimodalRecord({});
    bodies.set(
      4,
      qrsSection(
        40,
        10,
        [COMPLEX, { ...COMPLEX, fiducialSample: 20 }],
        [PROTECTED_ZONE, { startSample: 20, endSample: 30 }]
      )
    );
    expect(parseError(bodies)).toMatch(/protected zone 2 \(samples 20–30\) starts before the previous one ends/);
  });

  it('still reads a raw int16 bimodal record and checks its stored count', () => {
    const bodies = bimodalRecord({});
    bodies.delete(2);
    const stored = [bimodalStored(ORIGINAL_I), bimodalStored(ORIGINAL_II)];
    bodies.set(5, encodedWaveformSection(AVM_NV, FULL_RATE_INTERVAL_US, 0, false, [REFERENCE_I, REFERENCE_II].map(int16Encode)));
    bodies.set(6, encodedWaveformSection(AVM_NV, 8000, 0, true, stored.map(int16Encode)));
    expect(counts(findLead(parse(bodies), 'I'), 5)).toEqual(RECONSTRUCTED_I);
    bodies.set(6, encodedWaveformSection(AVM_NV, 8000, 0, true, [int16Encode(stored[0].slice(1)), int16Encode(stored[1])]));
    expect(parseError(bodies)).toMatch(/lead I: 20 values stored where bimodal compression with factor 4 and the section 4 protected zones need 21/);
  });
});

describe('SCP-ECG reference-beat subtraction (synthetic record)', () => {
  // Residual: sample k holds k counts of 2.5 µV. Reference beat: 10 samples of 5 µV, fiducial at 5.
  const residual = Array.from({ length: 30 }, (_, i) => i + 1);
  const beat = [0, 10, 20, 30, 40, 30, 20, 10, 0, -10];
  const complexes: QrsComplex[] = [
    { beatType: 0, startSample: 3, fiducialSample: 7, endSample: 12 },
    // A beat of another type (e.g. a PVC) had nothing subtracted, so nothing is added back.
    { beatType: 1, startSample: 18, fiducialSample: 22, endSample: 27 },
  ];

  function subtractionRecord(subtracted: boolean): Map<number, Uint8Array> {
    return new Map([
      [
        3,
        leadSection(
          [
            { code: 1, startSample: 1, endSample: 30 },
            { code: 2, startSample: 1, endSample: 30 },
          ],
          subtracted
        ),
      ],
      [4, qrsSection(20, 5, complexes)],
      [5, encodedWaveformSection(5000, 2000, 0, false, [int16Encode(beat), int16Encode(beat.map(() => 0))])],
      [6, encodedWaveformSection(2500, 2000, 0, false, [int16Encode(residual), int16Encode(residual)])],
    ]);
  }

  it('adds the type-0 beat back (AVM 5 µV onto 2.5 µV counts) and leaves the type-1 beat alone', () => {
    const record = parse(subtractionRecord(true));
    const leadI = findLead(record, 'I');
    // Sample k meets reference sample k − 7 + 5; 5 µV counts are 2 rhythm counts each.
    expect(counts(leadI, 2.5).slice(0, 13)).toEqual([1, 2, 3, 24, 45, 66, 87, 68, 49, 30, 11, -8, 13]);
    expect(counts(leadI, 2.5).slice(13)).toEqual(residual.slice(13));
    expect(leadI.resolutionUv).toBe(2.5);
    expect(counts(findLead(record, 'II'), 2.5)).toEqual(residual);
    expect(record.medianBeats?.leads.find((l) => l.name === 'I')?.samplesUv.length).toBe(10);
    expect(record.warnings).toEqual([]);
  });

  it('adds nothing when section 3 does not flag subtraction', () => {
    expect(counts(findLead(parse(subtractionRecord(false)), 'I'), 2.5)).toEqual(residual);
  });

  it('refuses subtraction whose reference beats are missing', () => {
    const bodies = subtractionRecord(true);
    bodies.delete(5);
    expect(parseError(bodies)).toMatch(/section 3 says reference beats were subtracted, but section 5 holding them is missing/);
  });
});

describe('SCP-ECG statements: who made them (sections 8 and 11)', () => {
  function statementsRecord(extra: ReadonlyMap<number, Uint8Array>): Map<number, Uint8Array> {
    return new Map([
      [3, leadSection([{ code: 1, startSample: 1, endSample: 4 }], false)],
      [6, encodedWaveformSection(5000, 2000, 0, false, [int16Encode([1, 2, 3, 4])])],
      ...extra,
    ]);
  }

  it('gives a physician-confirmed section 8 report to the physician, the others to the device', () => {
    const texts = ['Sinus rhythm', 'Normal ECG'];
    const confirmed = parse(statementsRecord(new Map([[8, textStatementSection(1, texts)]])));
    expect(confirmed.statements).toEqual(texts.map((text) => ({ text, source: 'physician' })));
    for (const flag of [0, 2]) {
      const record = parse(statementsRecord(new Map([[8, textStatementSection(flag, texts)]])));
      expect(record.statements.map((s) => s.source)).toEqual(['device', 'device']);
    }
  });

  it('reads section 11 coded and full-text statements with the same rule', () => {
    const section11 = universalStatementSection(1, [
      { type: 1, fields: ['ASMI'] },
      { type: 2, fields: ['Anteroseptal infarct, age undetermined'] },
    ]);
    const record = parse(statementsRecord(new Map([[11, section11]])));
    expect(record.statements).toEqual([
      { text: 'ASMI', source: 'physician', code: 'ASMI', codeSystem: 'SCP-ECG' },
      { text: 'Anteroseptal infarct, age undetermined', source: 'physician' },
    ]);
    const unconfirmed = parse(statementsRecord(new Map([[11, universalStatementSection(0, [{ type: 1, fields: ['SR'] }])]])));
    expect(unconfirmed.statements).toEqual([{ text: 'SR', source: 'device', code: 'SR', codeSystem: 'SCP-ECG' }]);
  });

  it('reads the confirmed flag of the real Welch Allyn files (1 in ANON000002, 0 in ANON000004)', () => {
    const confirmed = scpEcgParser.parse(
      bytesSource('ECG_20060620_112352_ANON000002.SCP', readScp('ECG_20060620_112352_ANON000002.SCP'))
    );
    expect(confirmed.statements).toHaveLength(5);
    expect(confirmed.statements.every((s) => s.source === 'physician')).toBe(true);
    const original = scpEcgParser.parse(
      bytesSource('ECG_20070321_110542_ANON000004.SCP', readScp('ECG_20070321_110542_ANON000004.SCP'))
    );
    expect(original.statements.every((s) => s.source === 'device')).toBe(true);
  });
});
