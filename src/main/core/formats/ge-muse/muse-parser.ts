/**
 * GE MUSE resting ECG XML (`<RestingECG>`, restecg.dtd, ISO-8859-1).
 *
 * Statements: MUSE keeps the analysis program's interpretation in OriginalDiagnosis once a reader has
 * edited or confirmed the ECG, and the reader's version in Diagnosis; an ECG never over-read carries
 * only Diagnosis, which is then the machine's.
 */
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import type { EcgRecord, EcgWaveformSet, SourceStatement } from '../../../../shared/ecg/record.ts';
import { child, children, numberAt, parseXmlTree, textAt, type XmlElement } from './xml-tree.ts';
import { decodeXmlText, xmlHead } from './xml-text.ts';
import { decodeMuseWaveform, museRateHz, type MuseWaveform } from './muse-waveforms.ts';
import { museStatementLines, toStatements } from './muse-statements.ts';
import { editedMeasurementLabels, museMeasurements } from './muse-measurements.ts';
import { museAcquisition, musePatient } from './muse-demographics.ts';

function statementsOf(root: XmlElement, warnings: string[]): SourceStatement[] {
  const original = child(root, 'OriginalDiagnosis');
  const current = child(root, 'Diagnosis');
  const statements: SourceStatement[] = [];
  const blocks = original
    ? ([
        [original, 'device', 'OriginalDiagnosis'],
        [current, 'physician', 'Diagnosis'],
      ] as const)
    : ([[current, 'device', 'Diagnosis']] as const);
  for (const [block, source, label] of blocks) {
    if (!block) continue;
    const { lines, droppedPlaceholders } = museStatementLines(block);
    statements.push(...toStatements(lines, source));
    if (droppedPlaceholders > 0) {
      warnings.push(`${label}: ${droppedPlaceholders} unresolved "Statement Text(N)" placeholder statement(s) dropped`);
    }
  }
  return statements;
}

function parseMuse(source: ParseSource): EcgRecord {
  const { fileName } = source;
  const root = parseXmlTree(decodeXmlText(source.bytes, fileName), fileName);
  if (root.name !== 'RestingECG') throw new EcgParseError(fileName, `not a MUSE resting ECG: the root element is <${root.name}>`);
  const warnings: string[] = [];
  const measurementBlock = child(root, 'RestingECGMeasurements');
  const fallbackRateHz = museRateHz(numberAt(measurementBlock, 'ECGSampleBase'), numberAt(measurementBlock, 'ECGSampleExponent'));
  const waveforms: MuseWaveform[] = children(root, 'Waveform').map((w) => decodeMuseWaveform(w, fallbackRateHz, fileName, warnings));
  const rhythm = waveforms.find((w) => w.type.toLowerCase() === 'rhythm');
  if (!rhythm) throw new EcgParseError(fileName, 'the file has no Rhythm waveform');
  const median: EcgWaveformSet | undefined = waveforms.find((w) => w.type.toLowerCase() === 'median')?.set;

  const measurements = museMeasurements(measurementBlock);
  const edited = editedMeasurementLabels(measurements, museMeasurements(child(root, 'OriginalRestingECGMeasurements')));
  if (edited.length > 0) warnings.push(`measurements edited after acquisition (device values differ): ${edited.join(', ')}`);

  const acquisition = museAcquisition(child(root, 'TestDemographics'), textAt(root, 'MuseInfo', 'MuseVersion'));
  if (rhythm.highPassHz !== undefined) acquisition.highPassHz = rhythm.highPassHz;
  if (rhythm.lowPassHz !== undefined) acquisition.lowPassHz = rhythm.lowPassHz;
  if (rhythm.notchHz !== undefined) acquisition.notchHz = rhythm.notchHz;

  return {
    format: 'ge-muse',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: rhythm.set,
    ...(median ? { medianBeats: median } : {}),
    patient: musePatient(child(root, 'PatientDemographics')),
    acquisition,
    statements: statementsOf(root, warnings),
    measurements,
    annotations: [],
    warnings,
  };
}

export const geMuseParser: EcgFormatParser = {
  format: 'ge-muse',
  extensions: ['.xml'],
  sniff(source: ParseSource): boolean {
    return /<RestingECG[\s>]/.test(xmlHead(source.bytes));
  },
  parse(source: ParseSource): EcgRecord {
    try {
      return parseMuse(source);
    } catch (error) {
      if (error instanceof EcgParseError) throw error;
      throw new EcgParseError(source.fileName, `could not be read as GE MUSE XML: ${(error as Error).message}`);
    }
  },
};
