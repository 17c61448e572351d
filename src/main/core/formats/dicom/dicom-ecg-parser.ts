/**
 * DICOM waveform objects carrying ECG leads (12-lead and General ECG, and Hemodynamic or other
 * waveform SOP classes where a device stored ECG channels): the RHYTHM multiplex group becomes the
 * record's rhythm, a MEDIAN/representative beat group its median beats.
 */
import type { EcgRecord, EcgWaveformSet } from '../../../../shared/ecg/record.ts';
import { withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import { DicomText, hasDicomPreamble, items, readDicomDataSet } from './dicom-dataset.ts';
import { readAcquisition, readPatient, type ChannelFilters } from './dicom-header.ts';
import { SOP_CLASS_NAMES, TAG } from './dicom-tags.ts';
import { decodeMultiplexGroup, type MultiplexGroup } from './multiplex-group.ts';
import { readWaveformAnnotations } from './waveform-annotations.ts';

/** All waveform storage SOP classes (ECG, hemodynamic, electrophysiology, audio) share this root. */
const WAVEFORM_SOP_CLASS_PREFIX = '1.2.840.10008.5.1.4.1.1.9.';

function describeSopClass(uid: string | undefined): string {
  if (!uid) return 'SOP class not stated';
  const name = SOP_CLASS_NAMES.get(uid);
  return name ? `SOP class ${uid}, ${name}` : `SOP class ${uid}`;
}

function waveformSet(group: MultiplexGroup): EcgWaveformSet {
  return { sampleRateHz: group.sampleRateHz, leads: withDerivedLimbLeads(group.channels.map((c) => c.lead)) };
}

/** The filter settings of the rhythm channels; the first channel that states one speaks for all. */
function filtersOf(group: MultiplexGroup): ChannelFilters {
  const first = <K extends keyof ChannelFilters>(key: K) => group.channels.find((c) => c[key] !== undefined)?.[key];
  return { highPassHz: first('highPassHz'), lowPassHz: first('lowPassHz'), notchHz: first('notchHz') };
}

function parseDicomEcg(source: ParseSource): EcgRecord {
  const { fileName } = source;
  const root = readDicomDataSet(fileName, source.bytes);
  const text = new DicomText(root);
  const sopClass = describeSopClass(text.string(root, TAG.sopClassUid));
  const groupItems = items(root, TAG.waveformSequence);
  if (groupItems.length === 0) {
    const sopClassUid = text.string(root, TAG.sopClassUid) ?? '';
    const hint = sopClassUid.startsWith(WAVEFORM_SOP_CLASS_PREFIX) ? '; a waveform object without one is probably truncated' : '';
    throw new EcgParseError(fileName, `DICOM file has no ECG waveform (${sopClass})${hint}`);
  }

  const groups = groupItems.map((item, index) => decodeMultiplexGroup(fileName, text, item, index + 1));
  const withLeads = groups.filter((g) => g.channels.length > 0);
  const rhythm = withLeads.find((g) => g.kind === 'rhythm') ?? withLeads.find((g) => g.kind === 'other');
  if (!rhythm) {
    const problem = withLeads.length === 0 ? 'has no ECG (voltage) channels' : 'has a median beat but no rhythm data';
    throw new EcgParseError(fileName, `DICOM waveform ${problem} (${sopClass})`);
  }
  const median = withLeads.find((g) => g.kind === 'median beat');
  const warnings = groups.flatMap((g) => g.warnings);
  for (const group of groups) {
    if (group !== rhythm && group !== median && group.channels.length > 0) {
      warnings.push(`multiplex group ${group.groupNumber} "${group.label}" (${group.channels.length} channels) was not used`);
    }
  }
  const annotations = readWaveformAnnotations(text, root, groups);

  return {
    format: 'dicom',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: waveformSet(rhythm),
    ...(median ? { medianBeats: waveformSet(median) } : {}),
    patient: readPatient(text, root),
    acquisition: readAcquisition(text, root, filtersOf(rhythm)),
    statements: annotations.statements,
    measurements: annotations.measurements,
    annotations: annotations.annotations,
    warnings: [...warnings, ...annotations.warnings],
  };
}

export const dicomEcgParser: EcgFormatParser = {
  format: 'dicom',
  extensions: ['.dcm', '.dicom'],
  sniff: (source) => hasDicomPreamble(source.bytes),
  parse: (source) => parseDicomEcg(source),
};
