/**
 * Decodes one multiplex group of a DICOM WaveformSequence: channel-interleaved integer samples,
 * scaled per channel to microvolts as (value + baseline) × sensitivity × correction factor.
 */
import type { DataSet } from 'dicom-parser';
import type { EcgLead } from '../../../../shared/ecg/record.ts';
import { EcgParseError } from '../parser.ts';
import { DicomText, isBigEndian, items } from './dicom-dataset.ts';
import { TAG } from './dicom-tags.ts';
import { leadNameFromSource } from './lead-codes.ts';

export type MultiplexGroupKind = 'rhythm' | 'median beat' | 'other';

export interface DecodedChannel {
  /** 1-based, as WaveformAnnotationSequence refers to it. */
  channelNumber: number;
  lead: EcgLead;
  highPassHz?: number;
  lowPassHz?: number;
  notchHz?: number;
}

export interface MultiplexGroup {
  /** 1-based, as WaveformAnnotationSequence refers to it. */
  groupNumber: number;
  label: string;
  kind: MultiplexGroupKind;
  sampleRateHz: number;
  sampleCount: number;
  /** The voltage channels only; channels in other units (pressure, respiration) are left out. */
  channels: DecodedChannel[];
  warnings: string[];
}

/** Microvolts per unit of a UCUM (or spelled-out) voltage unit; undefined for non-voltage units. */
const MICROVOLTS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['uv', 1],
  ['µv', 1],
  ['microvolt', 1],
  ['mv', 1000],
  ['millivolt', 1000],
  ['v', 1e6],
  ['volt', 1e6],
  ['nv', 1e-3],
  ['nanovolt', 1e-3],
]);

interface SampleFormat {
  bytes: 1 | 2 | 4;
  read(view: DataView, offset: number, littleEndian: boolean): number;
}

const SAMPLE_FORMATS: Record<string, SampleFormat> = {
  '8 SB': { bytes: 1, read: (view, offset) => view.getInt8(offset) },
  '8 UB': { bytes: 1, read: (view, offset) => view.getUint8(offset) },
  '16 SS': { bytes: 2, read: (view, offset, le) => view.getInt16(offset, le) },
  '16 US': { bytes: 2, read: (view, offset, le) => view.getUint16(offset, le) },
  '32 SL': { bytes: 4, read: (view, offset, le) => view.getInt32(offset, le) },
  '32 UL': { bytes: 4, read: (view, offset, le) => view.getUint32(offset, le) },
  // Some writers keep the 16-bit interpretation codes for 32-bit data.
  '32 SS': { bytes: 4, read: (view, offset, le) => view.getInt32(offset, le) },
  '32 US': { bytes: 4, read: (view, offset, le) => view.getUint32(offset, le) },
};

function kindOfLabel(label: string): MultiplexGroupKind {
  const upper = label.toUpperCase();
  if (upper.includes('MEDIAN') || upper.includes('REPRESENTATIVE') || upper.includes('AVERAGE')) return 'median beat';
  if (upper.includes('RHYTHM')) return 'rhythm';
  return 'other';
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

export function decodeMultiplexGroup(
  fileName: string,
  text: DicomText,
  group: DataSet,
  groupNumber: number
): MultiplexGroup {
  const label = text.string(group, TAG.multiplexGroupLabel) ?? '';
  const where = `multiplex group ${groupNumber}${label ? ` "${label}"` : ''}`;
  function fail(problem: string): never {
    throw new EcgParseError(fileName, `${where}: ${problem}`);
  }

  const channelCount = group.uint16(TAG.numberOfWaveformChannels);
  const sampleCount = group.uint32(TAG.numberOfWaveformSamples);
  const sampleRateHz = text.number(group, TAG.samplingFrequency);
  if (!channelCount) fail('NumberOfWaveformChannels is missing or zero');
  if (!sampleCount) fail('NumberOfWaveformSamples is missing or zero');
  if (sampleRateHz === undefined || !Number.isFinite(sampleRateHz) || sampleRateHz <= 0) {
    fail(`SamplingFrequency is missing or invalid (${text.string(group, TAG.samplingFrequency) ?? 'absent'})`);
  }
  const channelItems = items(group, TAG.channelDefinitionSequence);
  if (channelItems.length !== channelCount) {
    fail(`declares ${channelCount} channels but defines ${channelItems.length}`);
  }

  const bitsAllocated = group.uint16(TAG.waveformBitsAllocated);
  const interpretation = text.string(group, TAG.waveformSampleInterpretation) ?? '';
  const format = SAMPLE_FORMATS[`${bitsAllocated} ${interpretation}`];
  if (!format) fail(`unsupported sample format: ${bitsAllocated ?? '?'} bits, interpretation "${interpretation}"`);

  const data = group.elements[TAG.waveformData];
  if (!data) fail('has no WaveformData');
  const neededBytes = channelCount * sampleCount * format.bytes;
  const availableBytes = Math.min(data.length, group.byteArray.length - data.dataOffset);
  if (availableBytes < neededBytes) {
    fail(
      `WaveformData holds ${availableBytes} bytes, but ${channelCount} channels × ${sampleCount} samples × ` +
        `${format.bytes} bytes need ${neededBytes} (truncated, or a header that lies about the lead count or length)`
    );
  }

  const littleEndian = !isBigEndian(group);
  const view = new DataView(group.byteArray.buffer, group.byteArray.byteOffset + data.dataOffset, neededBytes);
  const padding = readPaddingValue(group, format, littleEndian);
  const frameBytes = channelCount * format.bytes;
  const warnings: string[] = [];
  const channels: DecodedChannel[] = [];

  channelItems.forEach((channel, index) => {
    const channelNumber = index + 1;
    const name =
      leadNameFromSource(text.code(channel, TAG.channelSourceSequence), text.string(channel, TAG.channelLabel)) ??
      `Channel ${channelNumber}`;
    const units = text.code(channel, TAG.channelSensitivityUnitsSequence);
    const unitKey = (units?.value ?? units?.meaning ?? '').toLowerCase();
    const uvPerUnit = MICROVOLTS_PER_UNIT.get(unitKey);
    if (uvPerUnit === undefined) {
      if (!units) fail(`channel ${channelNumber} (${name}) has no sensitivity units`);
      warnings.push(`${where}: channel ${channelNumber} (${name}) is in "${units.value ?? units.meaning}", not a voltage; left out`);
      return;
    }
    const sensitivity = text.number(channel, TAG.channelSensitivity);
    if (sensitivity === undefined || !Number.isFinite(sensitivity) || sensitivity === 0) {
      fail(`channel ${channelNumber} (${name}) has no valid ChannelSensitivity`);
    }
    const correction = text.number(channel, TAG.channelSensitivityCorrectionFactor) ?? 1;
    const baseline = text.number(channel, TAG.channelBaseline) ?? 0;
    if (!Number.isFinite(correction) || !Number.isFinite(baseline)) {
      fail(`channel ${channelNumber} (${name}) has an invalid correction factor or baseline`);
    }
    const resolutionUv = sensitivity * correction * uvPerUnit;
    const samplesUv = new Float32Array(sampleCount);
    for (let i = 0, offset = index * format.bytes; i < sampleCount; i++, offset += frameBytes) {
      const value = format.read(view, offset, littleEndian);
      samplesUv[i] = value === padding ? Number.NaN : (value + baseline) * resolutionUv;
    }
    channels.push({
      channelNumber,
      lead: { name, derived: false, samplesUv, resolutionUv },
      highPassHz: positive(text.number(channel, TAG.filterLowFrequency)),
      lowPassHz: positive(text.number(channel, TAG.filterHighFrequency)),
      notchHz: positive(text.number(channel, TAG.notchFilterFrequency)),
    });
  });

  return { groupNumber, label, kind: kindOfLabel(label), sampleRateHz: sampleRateHz, sampleCount: sampleCount, channels, warnings };
}

/** WaveformPaddingValue marks samples with no data; it is stored in the waveform's own sample format. */
function readPaddingValue(group: DataSet, format: SampleFormat, littleEndian: boolean): number | undefined {
  const element = group.elements[TAG.waveformPaddingValue];
  if (!element || element.length < format.bytes) return undefined;
  const view = new DataView(group.byteArray.buffer, group.byteArray.byteOffset + element.dataOffset, format.bytes);
  return format.read(view, 0, littleEndian);
}
