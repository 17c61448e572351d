/**
 * HL7 v3 annotated ECG (aECG): the RHYTHM series → rhythm, its REPRESENTATIVE_BEAT derived series →
 * median beats, and every annotation set of both, kept apart by name.
 */
import type { EcgRecord } from '../../../../shared/ecg/record.ts';
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import { readAcquisition, readPatient } from './aecg-header.ts';
import { AnnotationReader } from './annotation-sets.ts';
import { decodeSequenceSet } from './sequence-set.ts';
import { attribute, child, children, parseXml, type XmlElement } from './xml-element.ts';

/** Decodes the bytes by their byte-order mark or XML declaration; UTF-8 when neither says. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declaration = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const encoding = /encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(declaration)?.[1]?.toLowerCase();
  const latin = encoding === 'iso-8859-1' || encoding === 'latin1' || encoding === 'windows-1252';
  return new TextDecoder(latin ? 'latin1' : 'utf-8').decode(bytes);
}

function seriesSequenceSet(series: XmlElement): XmlElement | undefined {
  return children(series, 'component').flatMap((c) => children(c, 'sequenceSet'))[0];
}

function annotationSets(series: XmlElement): XmlElement[] {
  return children(series, 'subjectOf').flatMap((s) => children(s, 'annotationSet'));
}

function parseAecg(source: ParseSource): EcgRecord {
  const { fileName } = source;
  const parsed = parseXml(decodeText(source.bytes));
  if ('problem' in parsed) throw new EcgParseError(fileName, parsed.problem);
  if (parsed.rootName !== 'AnnotatedECG') {
    throw new EcgParseError(fileName, `XML document is not an HL7 aECG (root element <${parsed.rootName}>, expected <AnnotatedECG>)`);
  }
  const root = parsed.root;
  const allSeries = children(root, 'component').flatMap((c) => children(c, 'series'));
  const series = allSeries.find((s) => attribute(child(s, 'code'), 'code') === 'RHYTHM') ?? allSeries[0];
  if (!series) throw new EcgParseError(fileName, 'the aECG has no waveform series');
  const rhythmSet = seriesSequenceSet(series);
  if (!rhythmSet) throw new EcgParseError(fileName, 'the aECG rhythm series has no sequenceSet');
  const rhythm = decodeSequenceSet(fileName, rhythmSet, 'rhythm series');

  const derived = children(series, 'derivation')
    .flatMap((d) => children(d, 'derivedSeries'))
    .find((d) => attribute(child(d, 'code'), 'code') === 'REPRESENTATIVE_BEAT');
  const derivedSet = derived ? seriesSequenceSet(derived) : undefined;
  const median = derivedSet ? decodeSequenceSet(fileName, derivedSet, 'representative beat series') : undefined;

  const reader = new AnnotationReader();
  for (const set of annotationSets(series)) reader.read(set, { setBaseName: 'rhythm', startEpochS: rhythm.startEpochS });
  if (derived) {
    for (const set of annotationSets(derived)) reader.read(set, { setBaseName: 'median beat', startEpochS: median?.startEpochS });
  }
  const warnings = [...reader.findings.warnings];
  if (allSeries.length > 1) warnings.push(`the aECG has ${allSeries.length} series; only the rhythm series was read`);

  return {
    format: 'hl7-aecg',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: rhythm.set,
    ...(median ? { medianBeats: median.set } : {}),
    patient: readPatient(root),
    acquisition: readAcquisition(root, series),
    statements: reader.findings.statements,
    measurements: reader.findings.measurements,
    annotations: reader.findings.annotations,
    warnings,
  };
}

export const hl7AecgParser: EcgFormatParser = {
  format: 'hl7-aecg',
  extensions: ['.xml'],
  sniff: (source) => /<(\w+:)?AnnotatedECG[\s>]/.test(decodeText(source.bytes.subarray(0, 4096))),
  parse: (source) => parseAecg(source),
};
