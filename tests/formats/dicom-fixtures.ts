/**
 * A minimal DICOM writer for tests only: builds waveform objects the one real file does not cover
 * (implicit VR, big endian, 8 leads, other group layouts, not-an-ECG). Not a general encoder.
 */

export type TransferSyntax = 'explicit-le' | 'implicit-le' | 'explicit-be';

const TRANSFER_SYNTAX_UID: Record<TransferSyntax, string> = {
  'explicit-le': '1.2.840.10008.1.2.1',
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
};

export const TWELVE_LEAD_ECG_SOP = '1.2.840.10008.5.1.4.1.1.9.1.1';
export const CT_IMAGE_SOP = '1.2.840.10008.5.1.4.1.1.2';

type StringVr = 'UI' | 'CS' | 'DS' | 'IS' | 'SH' | 'LO' | 'PN' | 'DA' | 'TM' | 'DT' | 'AS' | 'ST';

/** One data element: tag as 0xGGGGEEEE. */
export type Element =
  | { tag: number; vr: StringVr; value: string }
  | { tag: number; vr: 'US' | 'UL'; value: number[] }
  | { tag: number; vr: 'OB' | 'OW'; samples: number[]; bytesPerSample: 1 | 2 | 4 }
  | { tag: number; vr: 'SQ'; items: Element[][] };

const LONG_LENGTH_VRS = new Set(['OB', 'OW', 'SQ', 'UT', 'UN']);

class Writer {
  private readonly chunks: number[] = [];
  constructor(private readonly littleEndian: boolean) {}
  uint(value: number, bytes: 1 | 2 | 4): void {
    for (let i = 0; i < bytes; i++) {
      const shift = 8 * (this.littleEndian ? i : bytes - 1 - i);
      this.chunks.push(Math.floor(value / 2 ** shift) & 0xff);
    }
  }
  bytes(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.chunks.push(values[i]);
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function valueBytes(element: Element, syntax: TransferSyntax): Uint8Array {
  const writer = new Writer(syntax !== 'explicit-be');
  switch (element.vr) {
    case 'US':
    case 'UL':
      for (const v of element.value) writer.uint(v, element.vr === 'US' ? 2 : 4);
      break;
    case 'OB':
    case 'OW':
      for (const v of element.samples) {
        const size = element.bytesPerSample;
        writer.uint(v < 0 ? v + 2 ** (8 * size) : v, size);
      }
      if (element.samples.length * element.bytesPerSample % 2 === 1) writer.uint(0, 1);
      break;
    case 'SQ':
      for (const item of element.items) {
        const body = encodeElements(item, syntax);
        writer.uint(0xfffe, 2);
        writer.uint(0xe000, 2);
        writer.uint(body.length, 4);
        writer.bytes(body);
      }
      break;
    default: {
      const text = new TextEncoder().encode(element.value);
      writer.bytes(text);
      if (text.length % 2 === 1) writer.uint(element.vr === 'UI' ? 0 : 0x20, 1);
    }
  }
  return writer.toBytes();
}

function encodeElements(elements: readonly Element[], syntax: TransferSyntax): Uint8Array {
  const writer = new Writer(syntax !== 'explicit-be');
  for (const element of [...elements].sort((a, b) => a.tag - b.tag)) {
    const value = valueBytes(element, syntax);
    writer.uint(element.tag >>> 16, 2);
    writer.uint(element.tag & 0xffff, 2);
    if (syntax === 'implicit-le') {
      writer.uint(value.length, 4);
    } else {
      writer.bytes([element.vr.charCodeAt(0), element.vr.charCodeAt(1)]);
      if (LONG_LENGTH_VRS.has(element.vr)) {
        writer.uint(0, 2);
        writer.uint(value.length, 4);
      } else {
        writer.uint(value.length, 2);
      }
    }
    writer.bytes(value);
  }
  return writer.toBytes();
}

/** A Part 10 file: preamble, "DICM", explicit little-endian meta header, then the data set. */
export function dicomFile(sopClassUid: string, syntax: TransferSyntax, dataSet: readonly Element[]): Uint8Array {
  const meta = encodeElements(
    [
      { tag: 0x00020001, vr: 'OB', samples: [0, 1], bytesPerSample: 1 },
      { tag: 0x00020002, vr: 'UI', value: sopClassUid },
      { tag: 0x00020003, vr: 'UI', value: '1.2.3.4.5.6.7' },
      { tag: 0x00020010, vr: 'UI', value: TRANSFER_SYNTAX_UID[syntax] },
    ],
    'explicit-le'
  );
  const groupLength = encodeElements([{ tag: 0x00020000, vr: 'UL', value: [meta.length] }], 'explicit-le');
  const body = encodeElements([{ tag: 0x00080016, vr: 'UI', value: sopClassUid }, ...dataSet], syntax);
  const file = new Uint8Array(132 + groupLength.length + meta.length + body.length);
  file.set([0x44, 0x49, 0x43, 0x4d], 128);
  file.set(groupLength, 132);
  file.set(meta, 132 + groupLength.length);
  file.set(body, 132 + groupLength.length + meta.length);
  return file;
}

const code = (value: string, scheme: string, meaning: string): Element[] => [
  { tag: 0x00080100, vr: 'SH', value },
  { tag: 0x00080102, vr: 'SH', value: scheme },
  { tag: 0x00080104, vr: 'LO', value: meaning },
];

export interface ChannelSpec {
  /** Channel source code value, e.g. "5.6.3-9-1" (SCPECG) or "2:1" (MDC); omitted to test the fallback. */
  codeValue?: string;
  codeMeaning: string;
  sensitivity: string;
  unit: 'uV' | 'mV' | 'mm[Hg]';
  correction?: string;
  baseline?: string;
}

export interface GroupSpec {
  label: string;
  sampleRateHz: string;
  channels: ChannelSpec[];
  /** Per channel, one value per sample; written channel-interleaved. */
  samples: number[][];
  bitsAllocated?: 8 | 16 | 32;
  interpretation?: string;
  /** Overrides to make a header lie. */
  declaredChannelCount?: number;
  declaredSampleCount?: number;
}

export function waveformGroup(spec: GroupSpec): Element[] {
  const bits = spec.bitsAllocated ?? 16;
  const sampleCount = spec.samples[0]?.length ?? 0;
  const interleaved: number[] = [];
  for (let i = 0; i < sampleCount; i++) for (const channel of spec.samples) interleaved.push(channel[i]);
  return [
    { tag: 0x003a0005, vr: 'US', value: [spec.declaredChannelCount ?? spec.channels.length] },
    { tag: 0x003a0010, vr: 'UL', value: [spec.declaredSampleCount ?? sampleCount] },
    { tag: 0x003a001a, vr: 'DS', value: spec.sampleRateHz },
    { tag: 0x003a0020, vr: 'SH', value: spec.label },
    {
      tag: 0x003a0200,
      vr: 'SQ',
      items: spec.channels.map((channel) => [
        {
          tag: 0x003a0208,
          vr: 'SQ',
          items: [
            channel.codeValue
              ? code(channel.codeValue, channel.codeValue.startsWith('2:') ? 'MDC' : 'SCPECG', channel.codeMeaning)
              : [{ tag: 0x00080104, vr: 'LO', value: channel.codeMeaning }],
          ],
        },
        { tag: 0x003a0210, vr: 'DS', value: channel.sensitivity },
        { tag: 0x003a0211, vr: 'SQ', items: [code(channel.unit, 'UCUM', channel.unit)] },
        { tag: 0x003a0212, vr: 'DS', value: channel.correction ?? '1' },
        { tag: 0x003a0213, vr: 'DS', value: channel.baseline ?? '0' },
        { tag: 0x003a0220, vr: 'DS', value: '0.05' },
        { tag: 0x003a0221, vr: 'DS', value: '150' },
        { tag: 0x003a0222, vr: 'DS', value: '50' },
      ]),
    },
    { tag: 0x54001004, vr: 'US', value: [bits] },
    { tag: 0x54001006, vr: 'CS', value: spec.interpretation ?? (bits === 8 ? 'SB' : bits === 16 ? 'SS' : 'SL') },
    { tag: 0x54001010, vr: bits === 8 ? 'OB' : 'OW', samples: interleaved, bytesPerSample: (bits / 8) as 1 | 2 | 4 },
  ];
}

export interface EcgDicomSpec {
  syntax: TransferSyntax;
  groups: GroupSpec[];
  annotations?: Element[][];
  sopClassUid?: string;
}

export function ecgDicom(spec: EcgDicomSpec): Uint8Array {
  return dicomFile(spec.sopClassUid ?? TWELVE_LEAD_ECG_SOP, spec.syntax, [
    { tag: 0x00080005, vr: 'CS', value: 'ISO_IR 192' },
    { tag: 0x0008002a, vr: 'DT', value: '20240102030405' },
    { tag: 0x00080070, vr: 'LO', value: 'Test Devices' },
    { tag: 0x00100010, vr: 'PN', value: 'Müller^Anna' },
    { tag: 0x00100020, vr: 'LO', value: 'P-17' },
    { tag: 0x00100040, vr: 'CS', value: 'F' },
    { tag: 0x54000100, vr: 'SQ', items: spec.groups.map(waveformGroup) },
    ...(spec.annotations ? [{ tag: 0x0040b020, vr: 'SQ' as const, items: spec.annotations }] : []),
  ]);
}

/** An annotation item: a coded numeric measurement. */
export function numericAnnotation(codeValue: string, scheme: string, meaning: string, value: string, unit: string): Element[] {
  return [
    { tag: 0x004008ea, vr: 'SQ', items: [code(unit, 'UCUM', unit)] },
    { tag: 0x0040a043, vr: 'SQ', items: [code(codeValue, scheme, meaning)] },
    { tag: 0x0040a0b0, vr: 'US', value: [1, 0] },
    { tag: 0x0040a30a, vr: 'DS', value },
  ];
}

/** An annotation item: sample positions (1-based) in a group, optionally on one channel. */
export function pointAnnotation(
  groupNumber: number,
  channelNumber: number,
  rangeType: 'POINT' | 'SEGMENT',
  positions: number[],
  meaning: string
): Element[] {
  return [
    { tag: 0x0040a043, vr: 'SQ', items: [code('5.10.3-1', 'SCPECG', meaning)] },
    { tag: 0x0040a0b0, vr: 'US', value: [groupNumber, channelNumber] },
    { tag: 0x0040a130, vr: 'CS', value: rangeType },
    { tag: 0x0040a132, vr: 'UL', value: positions },
  ];
}

export function textAnnotation(text: string): Element[] {
  return [
    { tag: 0x0040a0b0, vr: 'US', value: [1, 0] },
    { tag: 0x00700006, vr: 'ST', value: text },
  ];
}

/** A CT image header with a few pixels: a valid DICOM file that is not an ECG. */
export function imageDicom(): Uint8Array {
  return dicomFile(CT_IMAGE_SOP, 'explicit-le', [
    { tag: 0x00280010, vr: 'US', value: [2] },
    { tag: 0x00280011, vr: 'US', value: [2] },
    { tag: 0x00280100, vr: 'US', value: [16] },
    { tag: 0x7fe00010, vr: 'OW', samples: [1, 2, 3, 4], bytesPerSample: 2 },
  ]);
}
