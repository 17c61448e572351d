import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dicomEcgParser } from '../../src/main/core/formats/dicom/dicom-ecg-parser.ts';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import type { EcgRecord, EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';
import {
  ecgDicom,
  imageDicom,
  numericAnnotation,
  pointAnnotation,
  textAnnotation,
  type ChannelSpec,
  type GroupSpec,
} from './dicom-fixtures.ts';

const REAL_FILE = sharedPath('ecg/dicom/waveform_ecg.dcm');
const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function memory(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}

function samples(set: EcgWaveformSet, name: string): Float32Array {
  const lead = set.leads.find((l) => l.name === name);
  if (!lead) throw new Error(`no lead ${name}`);
  return lead.samplesUv;
}

function parseError(bytes: Uint8Array, fileName = 'bad.dcm'): EcgParseError {
  try {
    dicomEcgParser.parse(memory(fileName, bytes));
  } catch (error) {
    expect(error).toBeInstanceOf(EcgParseError);
    expect((error as EcgParseError).fileName).toBe(fileName);
    return error as EcgParseError;
  }
  throw new Error('expected the parse to fail');
}

// Expected values were decoded independently with Python struct from the OW WaveformData
// (interleaved int16 × 1.25 µV; RHYTHM at offset 18642, MEDIAN BEAT at offset 262242).
describe('DICOM: the real Mortara ELI 250 12-lead file', () => {
  const record: EcgRecord = parseEcg(fileSource(REAL_FILE));

  it('is recognised by extension and content', () => {
    expect(record.format).toBe('dicom');
    expect(record.sourceFile).toBe('waveform_ecg.dcm');
    expect(dicomEcgParser.sniff(fileSource(REAL_FILE))).toBe(true);
  });

  it('decodes the RHYTHM group: 12 recorded leads, 1000 Hz, 10 s, 1.25 µV', () => {
    expect(record.rhythm.sampleRateHz).toBe(1000);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    for (const lead of record.rhythm.leads) {
      expect(lead.derived).toBe(false);
      expect(lead.samplesUv.length).toBe(10_000);
      expect(lead.resolutionUv).toBe(1.25);
    }
  });

  it('de-interleaves the rhythm samples to the right microvolts', () => {
    expect(Array.from(samples(record.rhythm, 'I').subarray(0, 6))).toEqual([100, 81.25, 62.5, 43.75, 46.25, 50]);
    expect(Array.from(samples(record.rhythm, 'III').subarray(0, 4))).toEqual([12.5, 25, 37.5, 50]);
    expect(samples(record.rhythm, 'I')[5000]).toBe(53.75);
    expect(samples(record.rhythm, 'aVR')[5000]).toBe(-61.25);
    expect(samples(record.rhythm, 'V6')[5000]).toBe(-31.25);
    expect(Math.max(...samples(record.rhythm, 'I'))).toBe(725);
    expect(Math.min(...samples(record.rhythm, 'II'))).toBe(-208.75);
    expect(Math.max(...samples(record.rhythm, 'V5'))).toBe(1962.5);
  });

  it('decodes the MEDIAN BEAT group into medianBeats (1200 samples)', () => {
    const median = record.medianBeats;
    expect(median?.sampleRateHz).toBe(1000);
    expect(median?.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(median?.leads.every((l) => l.samplesUv.length === 1200)).toBe(true);
    expect(Array.from(samples(median!, 'I').subarray(0, 6))).toEqual([12.5, 12.5, 37.5, 43.75, 31.25, 18.75]);
    expect(samples(median!, 'V3')[600]).toBe(150);
    expect(Math.max(...samples(median!, 'V5'))).toBe(1962.5);
  });

  it('reads the Italian statements and the coded measurements', () => {
    expect(record.statements).toEqual([
      { text: 'RITMO SINUSALE', source: 'device' },
      { text: 'ECG NORMALE', source: 'device' },
    ]);
    const byName = Object.fromEntries(record.measurements.map((m) => [m.name, [m.value, m.unit]]));
    expect(byName).toEqual({
      rrMs: [982, 'ms'],
      'PP Interval': [0, 'ms'],
      prMs: [161, 'ms'],
      qrsMs: [75, 'ms'],
      qtMs: [368, 'ms'],
      qtcMs: [370, 'ms'],
      pAxisDeg: [74, 'deg'],
      qrsAxisDeg: [52, 'deg'],
      tAxisDeg: [57, 'deg'],
    });
  });

  it('turns ReferencedSamplePositions (1-based) into annotations', () => {
    expect(record.annotations).toHaveLength(66);
    expect(record.annotations[0]).toEqual({ set: 'rhythm', code: '5.10.3-1', description: 'P Onset', timeS: 0.298 });
    expect(record.annotations[3]).toMatchObject({ code: '5.7.1-3', description: 'Fiducial Point', timeS: 0.5 });
    expect(record.annotations[65]).toMatchObject({ code: '5.10.3-5', description: 'T Offset', timeS: 9.696 });
  });

  it('reads patient and acquisition', () => {
    expect(record.patient).toEqual({ id: '642341', familyName: 'Anonymous', birthDate: '1971-01-23', ageYears: 42, sex: 'F' });
    expect(record.acquisition).toMatchObject({
      dateTime: '2013-01-25T10:59:19',
      manufacturer: 'Mortara Instrument, Inc.',
      device: 'el250',
      highPassHz: 0.05,
      lowPassHz: 300,
    });
    expect(record.acquisition.notchHz).toBeUndefined();
    expect(record.warnings).toEqual([]);
  });
});

const EIGHT_LEADS: [string, string][] = [
  ['2:1', 'I'],
  ['2:2', 'II'],
  ['2:3', 'V1'],
  ['2:4', 'V2'],
  ['2:5', 'V3'],
  ['2:6', 'V4'],
  ['2:7', 'V5'],
  ['2:8', 'V6'],
];

function channels(codes: [string, string][], overrides: Partial<ChannelSpec> = {}): ChannelSpec[] {
  return codes.map(([codeValue, codeMeaning]) => ({ codeValue, codeMeaning, sensitivity: '2.5', unit: 'uV', ...overrides }));
}

/** Channel c, sample i → a distinct small integer, so interleaving mistakes show. */
function ramp(channelCount: number, sampleCount: number): number[][] {
  return Array.from({ length: channelCount }, (_, c) => Array.from({ length: sampleCount }, (_, i) => (c + 1) * 10 + i - 20));
}

function rhythmGroup(overrides: Partial<GroupSpec> = {}): GroupSpec {
  return { label: 'RHYTHM', sampleRateHz: '500', channels: channels(EIGHT_LEADS), samples: ramp(8, 50), ...overrides };
}

describe('DICOM: written variants', () => {
  it('reads implicit VR little endian with 8 leads, computing the four limb leads', () => {
    const record = dicomEcgParser.parse(memory('implicit.dcm', ecgDicom({ syntax: 'implicit-le', groups: [rhythmGroup()] })));
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => `${l.name}${l.derived ? '*' : ''}`)).toEqual([
      'I', 'II', 'III*', 'aVR*', 'aVL*', 'aVF*', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6',
    ]);
    // Lead I raw = 10 + i - 20, lead II raw = 20 + i - 20, × 2.5 µV.
    expect(Array.from(samples(record.rhythm, 'I').subarray(0, 3))).toEqual([-25, -22.5, -20]);
    expect(Array.from(samples(record.rhythm, 'II').subarray(0, 3))).toEqual([0, 2.5, 5]);
    expect(samples(record.rhythm, 'III')[0]).toBe(25);
    expect(samples(record.rhythm, 'aVR')[0]).toBe(12.5);
    expect(samples(record.rhythm, 'V6')[49]).toBe((80 + 49 - 20) * 2.5);
    expect(record.patient).toMatchObject({ familyName: 'Müller', givenName: 'Anna', id: 'P-17', sex: 'F' });
    expect(record.acquisition).toMatchObject({ dateTime: '2024-01-02T03:04:05', highPassHz: 0.05, lowPassHz: 150, notchHz: 50 });
  });

  it('reads explicit VR big endian', () => {
    const record = dicomEcgParser.parse(memory('be.dcm', ecgDicom({ syntax: 'explicit-be', groups: [rhythmGroup()] })));
    expect(Array.from(samples(record.rhythm, 'I').subarray(0, 3))).toEqual([-25, -22.5, -20]);
    expect(samples(record.rhythm, 'V6')[49]).toBe(272.5);
  });

  it('applies baseline, sensitivity in mV and the correction factor: (value + baseline) × s × c', () => {
    const group = rhythmGroup({ channels: channels(EIGHT_LEADS, { sensitivity: '0.5', unit: 'mV', correction: '1.02', baseline: '4' }) });
    const record = dicomEcgParser.parse(memory('scaled.dcm', ecgDicom({ syntax: 'explicit-le', groups: [group] })));
    const leadI = record.rhythm.leads[0];
    expect(leadI.resolutionUv).toBeCloseTo(510, 9);
    expect(leadI.samplesUv[0]).toBeCloseTo((-10 + 4) * 510, 3);
    expect(samples(record.rhythm, 'V1')[10]).toBeCloseTo((30 + 10 - 20 + 4) * 510, 3);
  });

  it('splits two multiplex groups into rhythm and median beats, and places annotations in their group', () => {
    const median: GroupSpec = { label: 'MEDIAN BEAT', sampleRateHz: '500', channels: channels(EIGHT_LEADS), samples: ramp(8, 30) };
    const bytes = ecgDicom({
      syntax: 'explicit-le',
      groups: [rhythmGroup(), median],
      annotations: [
        textAnnotation('Sinus rhythm'),
        pointAnnotation(2, 1, 'SEGMENT', [11, 21], 'P wave'),
        pointAnnotation(1, 0, 'POINT', [1, 501], 'QRS'),
        numericAnnotation('8867-4', 'LN', 'Heart rate', '61', '/min'),
        numericAnnotation('8634-8', 'LN', 'QT interval', '0.41', 's'),
        numericAnnotation('99-1', 'X', 'Vendor index', '7', '1'),
      ],
    });
    const record = dicomEcgParser.parse(memory('two-groups.dcm', bytes));
    expect(record.rhythm.leads[0].samplesUv.length).toBe(50);
    expect(record.medianBeats?.leads.map((l) => l.samplesUv.length)).toEqual(Array(12).fill(30));
    expect(record.statements).toEqual([{ text: 'Sinus rhythm', source: 'device' }]);
    expect(record.annotations).toEqual([
      { set: 'median beat', code: '5.10.3-1', description: 'P wave', lead: 'I', timeS: 0.02, endTimeS: 0.04 },
      { set: 'rhythm', code: '5.10.3-1', description: 'QRS', timeS: 0 },
      { set: 'rhythm', code: '5.10.3-1', description: 'QRS', timeS: 1 },
    ]);
    expect(record.measurements).toEqual([
      { name: 'heartRateBpm', value: 61, unit: 'bpm', sourceLabel: 'Heart rate' },
      { name: 'qtMs', value: 410, unit: 'ms', sourceLabel: 'QT interval' },
      { name: 'Vendor index', value: 7, unit: '1', sourceLabel: 'Vendor index' },
    ]);
  });

  it('takes lead identity from the code value, and the meaning only when there is no code', () => {
    const group = rhythmGroup({
      channels: [
        { codeValue: '5.6.3-9-2', codeMeaning: 'Lead I (mislabelled)', sensitivity: '1', unit: 'uV' },
        { codeMeaning: 'Lead V3', sensitivity: '1', unit: 'uV' },
      ],
      samples: ramp(2, 10),
    });
    const record = dicomEcgParser.parse(memory('codes.dcm', ecgDicom({ syntax: 'explicit-le', groups: [group] })));
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['II', 'V3']);
  });

  it('reads 8-bit SB and 32-bit SL samples', () => {
    const eight = rhythmGroup({ bitsAllocated: 8, samples: [[-128, -1, 0, 127], ...ramp(7, 4)] });
    const record8 = dicomEcgParser.parse(memory('8bit.dcm', ecgDicom({ syntax: 'explicit-le', groups: [eight] })));
    expect(Array.from(samples(record8.rhythm, 'I'))).toEqual([-320, -2.5, 0, 317.5]);
    const wide = rhythmGroup({ bitsAllocated: 32, samples: [[-100_000, 100_000], ...ramp(7, 2)] });
    const record32 = dicomEcgParser.parse(memory('32bit.dcm', ecgDicom({ syntax: 'implicit-le', groups: [wide] })));
    expect(Array.from(samples(record32.rhythm, 'I'))).toEqual([-250_000, 250_000]);
  });

  it('keeps the ECG channels of a Hemodynamic waveform and leaves pressure channels out', () => {
    const group = rhythmGroup({
      label: 'HEMODYNAMIC',
      channels: [
        { codeValue: '5.6.3-9-1', codeMeaning: 'Lead I', sensitivity: '5', unit: 'uV' },
        { codeMeaning: 'Arterial pressure', sensitivity: '0.1', unit: 'mm[Hg]' },
      ],
      samples: ramp(2, 24),
    });
    const bytes = ecgDicom({ syntax: 'explicit-le', groups: [group], sopClassUid: '1.2.840.10008.5.1.4.1.1.9.2.1' });
    const record = dicomEcgParser.parse(memory('hemo.dcm', bytes));
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(['I']);
    expect(samples(record.rhythm, 'I')[0]).toBe(-50);
    expect(record.warnings).toEqual([
      'multiplex group 1 "HEMODYNAMIC": channel 2 (Arterial pressure) is in "mm[Hg]", not a voltage; left out',
    ]);
  });
});

describe('DICOM: bad input', () => {
  it('rejects a DICOM image that carries no waveform, naming its SOP class', () => {
    expect(parseError(imageDicom(), 'ct.dcm').message).toBe(
      'ct.dcm: DICOM file has no ECG waveform (SOP class 1.2.840.10008.5.1.4.1.1.2, CT Image Storage)'
    );
  });

  it('rejects a waveform without voltage channels', () => {
    const group = rhythmGroup({ channels: [{ codeMeaning: 'Pressure', sensitivity: '1', unit: 'mm[Hg]' }], samples: ramp(1, 5) });
    expect(parseError(ecgDicom({ syntax: 'explicit-le', groups: [group] })).problem).toMatch(/no ECG \(voltage\) channels/);
  });

  it('rejects a group whose channel count disagrees with its channel definitions', () => {
    const bytes = ecgDicom({ syntax: 'explicit-le', groups: [rhythmGroup({ declaredChannelCount: 12 })] });
    expect(parseError(bytes).problem).toBe('multiplex group 1 "RHYTHM": declares 12 channels but defines 8');
  });

  it('rejects a group whose sample count is longer than its data', () => {
    const bytes = ecgDicom({ syntax: 'implicit-le', groups: [rhythmGroup({ declaredSampleCount: 5000 })] });
    expect(parseError(bytes).problem).toMatch(/WaveformData holds 800 bytes, but 8 channels × 5000 samples × 2 bytes need 80000/);
  });

  it('rejects an unsupported sample interpretation', () => {
    const bytes = ecgDicom({ syntax: 'explicit-le', groups: [rhythmGroup({ interpretation: 'MB' })] });
    expect(parseError(bytes).problem).toMatch(/unsupported sample format: 16 bits, interpretation "MB"/);
  });

  it('rejects the real file truncated anywhere with an EcgParseError', () => {
    const bytes = readFileSync(REAL_FILE);
    for (const length of [0, 100, 131, 200, 1000, 1058, 1100, 5000, 15_040, 18_000, 18_700, 150_000, 262_000, 280_000, bytes.length - 2]) {
      const error = parseError(bytes.subarray(0, length), 'waveform_ecg.dcm');
      expect(error.problem).toMatch(/truncated|not a DICOM Part 10 file/);
      expect(error.message.startsWith('waveform_ecg.dcm: ')).toBe(true);
    }
  });

  it('says where a cut-off file ends', () => {
    const insideSequence = readFileSync(REAL_FILE).subarray(0, 1058);
    expect(parseError(insideSequence, 'waveform_ecg.dcm').message).toBe(
      'waveform_ecg.dcm: truncated DICOM file (it ends inside sequence (0040,0555))'
    );
    // 1000 bytes end cleanly after (0038,0010): only the SOP class shows that the waveform is missing.
    const betweenElements = readFileSync(REAL_FILE).subarray(0, 1000);
    expect(parseError(betweenElements, 'waveform_ecg.dcm').problem).toBe(
      'DICOM file has no ECG waveform (SOP class 1.2.840.10008.5.1.4.1.1.9.1.1, 12-lead ECG Waveform Storage); ' +
        'a waveform object without one is probably truncated'
    );
  });

  it('rejects random bytes, with and without a DICM marker', () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect(parseError(random).problem).toMatch(/not a DICOM Part 10 file/);
    random.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(parseError(random).problem.length).toBeGreaterThan(0);
    expect(dicomEcgParser.sniff(memory('x', random))).toBe(true);
  });
});
