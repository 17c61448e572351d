/**
 * WaveformAnnotationSequence → source statements (free text and coded concepts), measurements
 * (coded numeric values) and annotations (points or segments in a multiplex group).
 */
import type { DataSet } from 'dicom-parser';
import type { SourceAnnotation, SourceMeasurement, SourceStatement } from '../../../../shared/ecg/record.ts';
import { DicomText, items, unsignedValues } from './dicom-dataset.ts';
import { TAG } from './dicom-tags.ts';
import { unitFactor, WELL_KNOWN_MEASUREMENTS } from './measurement-codes.ts';
import type { MultiplexGroup } from './multiplex-group.ts';

export interface WaveformAnnotations {
  statements: SourceStatement[];
  measurements: SourceMeasurement[];
  annotations: SourceAnnotation[];
  warnings: string[];
}

/** Where an annotation points: a multiplex group and, when not all of them, one channel's lead. */
interface Reference {
  group?: MultiplexGroup;
  lead?: string;
}

function referenceOf(item: DataSet, groups: readonly MultiplexGroup[]): Reference {
  // ReferencedWaveformChannels holds (group, channel) pairs, both 1-based; channel 0 means all channels.
  const [groupNumber, channelNumber] = unsignedValues(item, TAG.referencedWaveformChannels, 2);
  const group = groups.find((g) => g.groupNumber === groupNumber);
  const lead = channelNumber ? group?.channels.find((c) => c.channelNumber === channelNumber)?.lead.name : undefined;
  return { group, lead };
}

function measurementOf(text: DicomText, item: DataSet, lead: string | undefined): SourceMeasurement | undefined {
  const value = text.number(item, TAG.numericValue);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const concept = text.code(item, TAG.conceptNameCodeSequence);
  const units = text.code(item, TAG.measurementUnitsCodeSequence);
  const sourceUnit = units?.value ?? units?.meaning ?? '';
  const sourceLabel = concept?.meaning ?? concept?.value ?? 'unnamed measurement';
  const wellKnown = concept?.value ? WELL_KNOWN_MEASUREMENTS.get(concept.value) : undefined;
  const factor = wellKnown ? unitFactor(sourceUnit, wellKnown.unit) : undefined;
  const measurement: SourceMeasurement =
    wellKnown && factor !== undefined
      ? { name: wellKnown.name, value: value * factor, unit: wellKnown.unit, sourceLabel }
      : { name: sourceLabel, value, unit: sourceUnit, sourceLabel };
  if (lead) measurement.lead = lead;
  return measurement;
}

function annotationsOf(text: DicomText, item: DataSet, reference: Reference): SourceAnnotation[] {
  const group = reference.group;
  if (!group) return [];
  const concept = text.code(item, TAG.conceptNameCodeSequence) ?? text.code(item, TAG.conceptCodeSequence);
  const code = concept?.value ?? concept?.meaning ?? 'annotation';
  const rangeType = text.string(item, TAG.temporalRangeType) ?? 'POINT';
  const positions = unsignedValues(item, TAG.referencedSamplePositions, 4);
  // Sample positions are 1-based; time offsets are seconds from the start of the group.
  const timesS =
    positions.length > 0
      ? positions.map((position) => (position - 1) / group.sampleRateHz)
      : Array.from({ length: item.numStringValues(TAG.referencedTimeOffsets) ?? 0 }, (_, i) =>
          text.number(item, TAG.referencedTimeOffsets, i)
        ).filter((t): t is number => t !== undefined && Number.isFinite(t));
  const base = {
    set: group.kind === 'other' ? group.label || `group ${group.groupNumber}` : group.kind,
    code,
    ...(concept?.meaning ? { description: concept.meaning } : {}),
    ...(reference.lead ? { lead: reference.lead } : {}),
  };
  if (rangeType === 'SEGMENT' || rangeType === 'MULTISEGMENT') {
    const segments: SourceAnnotation[] = [];
    for (let i = 0; i + 1 < timesS.length; i += 2) segments.push({ ...base, timeS: timesS[i], endTimeS: timesS[i + 1] });
    return segments;
  }
  return timesS.map((timeS) => ({ ...base, timeS }));
}

export function readWaveformAnnotations(
  text: DicomText,
  root: DataSet,
  groups: readonly MultiplexGroup[]
): WaveformAnnotations {
  const result: WaveformAnnotations = { statements: [], measurements: [], annotations: [], warnings: [] };
  for (const item of items(root, TAG.waveformAnnotationSequence)) {
    const reference = referenceOf(item, groups);
    const statementText = text.string(item, TAG.unformattedTextValue);
    if (statementText) {
      result.statements.push({ text: statementText, source: 'device' });
      continue;
    }
    if (item.elements[TAG.numericValue]) {
      const measurement = measurementOf(text, item, reference.lead);
      if (measurement) result.measurements.push(measurement);
      else result.warnings.push(`a waveform annotation has an unreadable NumericValue "${text.string(item, TAG.numericValue)}"`);
      continue;
    }
    const hasTimeReference = item.elements[TAG.referencedSamplePositions] || item.elements[TAG.referencedTimeOffsets];
    if (hasTimeReference) {
      result.annotations.push(...annotationsOf(text, item, reference));
      continue;
    }
    const coded = text.code(item, TAG.conceptCodeSequence);
    if (coded?.meaning ?? coded?.value) {
      result.statements.push({
        text: coded.meaning ?? coded.value ?? '',
        source: 'device',
        ...(coded.value ? { code: coded.value } : {}),
        ...(coded.scheme ? { codeSystem: coded.scheme } : {}),
      });
    }
  }
  return result;
}
