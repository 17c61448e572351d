/**
 * Philips Sierra / PageWriter ECG XML (`<restingecgdata>` in the http://www3.medical.philips.com
 * namespace): SierraECG 1.03 and PhilipsECG 1.04, 1.04.01 and 1.04.02, UTF-8 or UTF-16 with a BOM.
 */
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import type { EcgRecord } from '../../../../shared/ecg/record.ts';
import { parseXmlTree, textAt } from '../ge-muse/xml-tree.ts';
import { decodeXmlText, xmlHead } from '../ge-muse/xml-text.ts';
import { decodeParsedWaveforms, decodeRepresentativeBeats } from './sierra-waveforms.ts';
import { sierraMeasurements, sierraStatements } from './sierra-interpretation.ts';
import { sierraAcquisition, sierraPatient } from './sierra-metadata.ts';

const DOCUMENT_TYPES = new Set(['SierraECG', 'PhilipsECG']);
const KNOWN_VERSIONS = new Set(['1.03', '1.04', '1.04.01', '1.04.02']);

function parseSierra(source: ParseSource): EcgRecord {
  const { fileName } = source;
  const root = parseXmlTree(decodeXmlText(source.bytes, fileName), fileName);
  if (root.name !== 'restingecgdata') {
    throw new EcgParseError(fileName, `not a Philips ECG: the root element is <${root.name}>`);
  }
  const documentType = textAt(root, 'documentinfo', 'documenttype') ?? '';
  const version = textAt(root, 'documentinfo', 'documentversion') ?? '';
  if (!DOCUMENT_TYPES.has(documentType)) {
    throw new EcgParseError(fileName, `unsupported Philips document type '${documentType}'`);
  }
  const warnings: string[] = [];
  if (!KNOWN_VERSIONS.has(version)) warnings.push(`${documentType} version '${version}' is not one this reader was checked against`);
  const rhythm = decodeParsedWaveforms(root, fileName, warnings);
  const medianBeats = decodeRepresentativeBeats(root, warnings);
  return {
    format: 'philips-sierra',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm,
    ...(medianBeats ? { medianBeats } : {}),
    patient: sierraPatient(root),
    acquisition: sierraAcquisition(root, `${documentType} ${version}`),
    statements: sierraStatements(root),
    measurements: sierraMeasurements(root),
    annotations: [],
    warnings,
  };
}

export const philipsSierraParser: EcgFormatParser = {
  format: 'philips-sierra',
  extensions: ['.xml'],
  sniff(source: ParseSource): boolean {
    const head = xmlHead(source.bytes);
    return /<restingecgdata[\s>]/.test(head) && /medical\.philips\.com|SierraECG|PhilipsECG/.test(head);
  },
  parse(source: ParseSource): EcgRecord {
    try {
      return parseSierra(source);
    } catch (error) {
      if (error instanceof EcgParseError) throw error;
      throw new EcgParseError(source.fileName, `could not be read as Philips ECG XML: ${(error as Error).message}`);
    }
  },
};
