/**
 * WFDB records: a .hea header naming one or more signal files (.dat, .mat, .xyz …), with an
 * optional MIT-format .atr beat annotation file beside it.
 */
import type { EcgLead, EcgRecord, SourceAnnotation } from '../../../../shared/ecg/record.ts';
import { canonicalLeadName, withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import { uvPerUnitOf } from '../csv/units.ts';
import { parseWfdbAnnotations } from './annotations.ts';
import { parseWfdbHeader, type WfdbHeader, type WfdbSignalSpec } from './header.ts';
import { interpretWfdbComments } from './header-comments.ts';
import { decodeSampleStream, invalidSampleValue, isSupportedFormat, samplesInBytes } from './sample-formats.ts';

/** Headers are small text files; anything larger is not a header. */
const MAX_HEADER_BYTES = 1024 * 1024;


/** True when the bytes hold control characters that no text header contains (tab, CR, LF, FF are fine). */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
}

function decodeHeaderText(source: ParseSource): string {
  if (source.bytes.length > MAX_HEADER_BYTES) {
    throw new EcgParseError(source.fileName, 'is too large to be a WFDB header');
  }
  if (looksBinary(source.bytes)) throw new EcgParseError(source.fileName, 'is not a text WFDB header');
  return new TextDecoder('latin1').decode(source.bytes);
}

interface DecodedFile {
  /** Raw ADC values per signal index (header order). */
  adcBySignal: Map<number, Int32Array>;
  sampleCount: number;
}

/** Reads one signal file and splits its frames into per-signal ADC arrays. */
function decodeSignalFile(
  source: ParseSource,
  header: WfdbHeader,
  fileName: string,
  signalIndexes: readonly number[]
): DecodedFile {
  const specs = signalIndexes.map((i) => header.signals[i] as WfdbSignalSpec);
  const first = specs[0] as WfdbSignalSpec;
  if (specs.some((s) => s.format !== first.format || s.byteOffset !== first.byteOffset)) {
    throw new EcgParseError(source.fileName, `signals stored in ${fileName} disagree on their storage format`);
  }
  if (!isSupportedFormat(first.format)) {
    throw new EcgParseError(source.fileName, `signal format ${first.format} (in ${fileName}) is not supported`);
  }
  if (specs.some((s) => s.samplesPerFrame !== 1)) {
    throw new EcgParseError(source.fileName, `multi-frequency signals (in ${fileName}) are not supported`);
  }
  const bytes = source.readSibling(fileName);
  if (bytes === undefined) throw new EcgParseError(source.fileName, `its signal file ${fileName} is missing`);
  if (bytes.length < first.byteOffset) {
    throw new EcgParseError(fileName, `is ${bytes.length} bytes, shorter than its ${first.byteOffset}-byte header offset`);
  }
  const payload = bytes.subarray(first.byteOffset);
  const framesAvailable = Math.floor(samplesInBytes(first.format, payload.length) / specs.length);
  const sampleCount = header.sampleCount ?? framesAvailable;
  if (sampleCount === 0) throw new EcgParseError(fileName, 'holds no samples');
  const maxSkew = Math.max(...specs.map((s) => s.skew));
  if (framesAvailable < sampleCount) {
    throw new EcgParseError(
      fileName,
      `is truncated: the header declares ${sampleCount} samples × ${specs.length} signals, the file holds ${framesAvailable}`
    );
  }
  const framesToRead = Math.min(framesAvailable, sampleCount + maxSkew);
  const stream = decodeSampleStream(
    first.format,
    payload,
    framesToRead * specs.length,
    specs.map((s) => s.initialValue)
  );
  const adcBySignal = new Map<number, Int32Array>();
  const missingValue = invalidSampleValue(first.format) ?? 0;
  specs.forEach((spec, column) => {
    const adc = new Int32Array(sampleCount);
    for (let t = 0; t < sampleCount; t++) {
      const frame = t + spec.skew;
      // A skewed signal's last samples lie past the file's end: WFDB marks them invalid.
      adc[t] = frame < framesToRead ? (stream[frame * specs.length + column] ?? 0) : missingValue;
    }
    adcBySignal.set(signalIndexes[column] as number, adc);
  });
  return { adcBySignal, sampleCount };
}

function verifyChecksum(fileName: string, spec: WfdbSignalSpec, leadName: string, adc: Int32Array): void {
  if (spec.checksum === undefined) return;
  let sum = 0;
  for (const value of adc) sum = (sum + value) & 0xffff;
  // Headers write the checksum signed (-778) or unsigned (64758): compare both modulo 65536.
  if (sum !== (spec.checksum & 0xffff)) {
    throw new EcgParseError(
      fileName,
      `checksum mismatch for lead ${leadName}: header says ${spec.checksum}, samples sum to ${sum} (mod 65536)`
    );
  }
}

function toLead(spec: WfdbSignalSpec, adc: Int32Array, uvPerPhysicalUnit: number, name: string): EcgLead {
  const uvPerCount = uvPerPhysicalUnit / spec.gain;
  const invalid = invalidSampleValue(spec.format);
  const samplesUv = new Float32Array(adc.length);
  for (let i = 0; i < adc.length; i++) {
    const value = adc[i] as number;
    samplesUv[i] = value === invalid ? Number.NaN : (value - spec.baseline) * uvPerCount;
  }
  return { name, derived: false, samplesUv, resolutionUv: uvPerCount };
}

const TIME_OF_DAY = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(token: string): string | undefined {
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(token);
  if (numeric?.[1] && numeric[2] && numeric[3]) {
    return `${numeric[3]}-${numeric[2].padStart(2, '0')}-${numeric[1].padStart(2, '0')}`;
  }
  const named = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(token);
  const month = named?.[2] ? MONTHS.indexOf(named[2].toLowerCase()) + 1 : 0;
  if (named?.[1] && named[3] && month > 0) {
    return `${named[3]}-${String(month).padStart(2, '0')}-${named[1].padStart(2, '0')}`;
  }
  return undefined;
}

/** The record line's base time and date; Challenge headers write them date first, so either order is accepted. */
function isoDateTime(header: WfdbHeader): string | undefined {
  const tokens = [header.baseTime, header.baseDate].filter((t): t is string => t !== undefined);
  const time = tokens.find((t) => TIME_OF_DAY.test(t));
  const date = tokens.map(isoDate).find((d) => d !== undefined);
  if (date === undefined) return undefined;
  return time === undefined ? date : `${date}T${time.padStart(8, '0')}`;
}

function readAnnotations(source: ParseSource, header: WfdbHeader, atrName: string): SourceAnnotation[] | undefined {
  const bytes = source.readSibling(atrName);
  if (bytes === undefined) return undefined;
  return parseWfdbAnnotations(bytes, atrName).map((a) => ({
    set: 'atr',
    timeS: a.sample / header.sampleRateHz,
    code: a.code,
    ...(a.aux !== undefined && a.aux !== '' ? { description: a.aux } : {}),
  }));
}

function parseWfdb(source: ParseSource): EcgRecord {
  const header = parseWfdbHeader(decodeHeaderText(source), source.fileName);
  if (header.signalCount === 0) throw new EcgParseError(source.fileName, 'declares no signals');
  const warnings: string[] = [];
  const signalFiles = new Map<string, number[]>();
  header.signals.forEach((spec, index) => {
    const indexes = signalFiles.get(spec.fileName) ?? [];
    indexes.push(index);
    signalFiles.set(spec.fileName, indexes);
  });
  const adcBySignal = new Map<number, Int32Array>();
  let sampleCount: number | undefined;
  for (const [fileName, indexes] of signalFiles) {
    const decoded = decodeSignalFile(source, header, fileName, indexes);
    if (sampleCount !== undefined && decoded.sampleCount !== sampleCount) {
      throw new EcgParseError(source.fileName, `signal files hold different numbers of samples (${fileName})`);
    }
    sampleCount = decoded.sampleCount;
    for (const [index, adc] of decoded.adcBySignal) adcBySignal.set(index, adc);
  }
  const leads: EcgLead[] = [];
  header.signals.forEach((spec, index) => {
    const label = spec.description !== '' ? spec.description : `signal ${index + 1}`;
    const name = canonicalLeadName(label);
    const adc = adcBySignal.get(index) as Int32Array;
    verifyChecksum(source.fileName, spec, name, adc);
    const factor = uvPerUnitOf(spec.units);
    if (factor === undefined) {
      warnings.push(`signal '${label}' is in ${spec.units}, not a voltage; it is not an ECG lead and was left out`);
      return;
    }
    leads.push(toLead(spec, adc, factor, name));
  });
  if (leads.length === 0) throw new EcgParseError(source.fileName, 'has no ECG signals in voltage units');
  const atrName = `${source.fileName.replace(/\.hea$/i, '')}.atr`;
  const annotations = readAnnotations(source, header, atrName);
  const facts = interpretWfdbComments(header.comments);
  const dateTime = isoDateTime(header) ?? facts.ecgDate;
  const signalFileNames = [...signalFiles.keys()];
  return {
    format: 'wfdb',
    sourceFile: source.fileName,
    sourceFiles: [source.fileName, ...signalFileNames, ...(annotations !== undefined ? [atrName] : [])],
    rhythm: { sampleRateHz: header.sampleRateHz, leads: withDerivedLimbLeads(leads) },
    patient: facts.patient,
    acquisition: {
      ...(dateTime !== undefined ? { dateTime } : {}),
      ...(facts.freeText.length > 0 ? { comments: facts.freeText } : {}),
    },
    statements: facts.statements,
    measurements: [],
    annotations: annotations ?? [],
    warnings,
  };
}

const RECORD_LINE = /^\s*[^\s#]+\s+\d+(\s+\d*\.?\d+(\/[\d.]+(\([-\d.]+\))?)?)?(\s+\d+)?/;

export const wfdbParser: EcgFormatParser = {
  format: 'wfdb',
  extensions: ['.hea'],
  sniff(source: ParseSource): boolean {
    if (source.bytes.length > MAX_HEADER_BYTES) return false;
    const headBytes = source.bytes.subarray(0, 4096);
    if (looksBinary(headBytes)) return false;
    const head = new TextDecoder('latin1').decode(headBytes);
    const lines = head.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
    const [recordLine, signalLine] = lines;
    return (
      recordLine !== undefined &&
      signalLine !== undefined &&
      RECORD_LINE.test(recordLine) &&
      /^\s*\S+\s+\d+(x\d+)?(:\d+)?(\+\d+)?(\s|$)/.test(signalLine)
    );
  },
  parse: parseWfdb,
};
