/**
 * All format parsers, and the choice of one for a file: by extension first, then by sniffing content.
 */
import { EcgParseError, type EcgFormatParser, type ParseOptions, type ParseSource } from './parser.ts';
import type { EcgRecord } from '../../../shared/ecg/record.ts';
import { wfdbParser } from './wfdb/wfdb-parser.ts';
import { edfParser } from './edf/edf-parser.ts';
import { csvParser } from './csv/csv-parser.ts';
import { scpEcgParser } from './scp-ecg/scp-ecg-parser.ts';
import { dicomEcgParser } from './dicom/dicom-ecg-parser.ts';
import { hl7AecgParser } from './hl7-aecg/aecg-parser.ts';
import { geMuseParser } from './ge-muse/muse-parser.ts';
import { philipsSierraParser } from './philips-sierra/sierra-parser.ts';
import { ishneParser } from './ishne/ishne-parser.ts';

export const PARSERS: readonly EcgFormatParser[] = [wfdbParser, edfParser, scpEcgParser, dicomEcgParser, hl7AecgParser, geMuseParser, philipsSierraParser, ishneParser, csvParser];

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** Parsers that could read this file, most likely first; empty when none recognises it. */
export function candidateParsers(source: ParseSource): EcgFormatParser[] {
  const extension = extensionOf(source.fileName);
  const byExtension = PARSERS.filter((p) => p.extensions.includes(extension));
  const sniffed = byExtension.filter((p) => p.sniff(source));
  if (sniffed.length > 0) return sniffed;
  if (byExtension.length > 0) return byExtension;
  return PARSERS.filter((p) => p.sniff(source));
}

/** Decodes one file with the parser its name and content call for. */
export function parseEcg(source: ParseSource, options?: ParseOptions): EcgRecord {
  if (source.bytes.length === 0) throw new EcgParseError(source.fileName, 'the file is empty');
  const [parser] = candidateParsers(source);
  if (!parser) throw new EcgParseError(source.fileName, 'not a recognised ECG file format');
  return parser.parse(source, options);
}
