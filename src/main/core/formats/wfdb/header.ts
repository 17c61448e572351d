/**
 * WFDB header (.hea) text: the record line, one line per signal, and `#` comments.
 * Tolerates the quirks real files carry: CRLF, comment lines before the record line, a record name
 * with its file extension, lower-case units and checksums written unsigned.
 */
import { EcgParseError } from '../parser.ts';

export interface WfdbSignalSpec {
  fileName: string;
  /** Storage format number: 16, 212, 80, 61, … */
  format: number;
  samplesPerFrame: number;
  skew: number;
  byteOffset: number;
  /** ADC units per physical unit; the WFDB default of 200 where the header writes 0 or nothing. */
  gain: number;
  /** ADC value of 0 physical units. */
  baseline: number;
  /** Physical units as written, e.g. "mV", "mv", "uV". */
  units: string;
  adcResolutionBits: number;
  adcZero: number;
  initialValue: number;
  /** Sum of all samples modulo 65536, as written (signed or unsigned), when the header gives it. */
  checksum?: number;
  description: string;
}

export interface WfdbHeader {
  recordName: string;
  signalCount: number;
  sampleRateHz: number;
  /** Samples per signal; undefined when the header leaves it to the signal file's length. */
  sampleCount?: number;
  /** "HH:MM:SS" as written, when present. */
  baseTime?: string;
  /** "DD/MM/YYYY" or "DD-Mon-YYYY" as written, when present. */
  baseDate?: string;
  signals: WfdbSignalSpec[];
  /** Comment lines after the record line, without the leading '#', trimmed. */
  comments: string[];
}

const DEFAULT_SAMPLE_RATE_HZ = 250;
const DEFAULT_GAIN = 200;
const DEFAULT_ADC_RESOLUTION_BITS: Readonly<Record<number, number>> = { 8: 8, 80: 8, 212: 12, 310: 10, 311: 10, 24: 24, 32: 32 };

const FORMAT_FIELD = /^(\d+)(?:x(\d+))?(?::(\d+))?(?:\+(\d+))?$/;
const GAIN_FIELD = /^([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\(([-+]?\d+)\))?(?:\/(\S+))?$/;
const SAMPLE_RATE_FIELD = /^(\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\/[\d.]+(?:\([-\d.]+\))?)?$/;

function toInteger(token: string, what: string, fileName: string): number {
  if (!/^[-+]?\d+$/.test(token)) throw new EcgParseError(fileName, `${what} '${token}' is not an integer`);
  return Number(token);
}

function parseRecordLine(line: string, fileName: string): Omit<WfdbHeader, 'signals' | 'comments'> {
  const fields = line.trim().split(/\s+/);
  const [nameField, signalCountField, rateField, countField, timeField, dateField] = fields;
  if (nameField === undefined || signalCountField === undefined) {
    throw new EcgParseError(fileName, 'the record line has no signal count');
  }
  if (nameField.includes('/')) {
    throw new EcgParseError(fileName, 'multi-segment WFDB records are not supported');
  }
  const signalCount = toInteger(signalCountField, 'signal count', fileName);
  let sampleRateHz = DEFAULT_SAMPLE_RATE_HZ;
  if (rateField !== undefined) {
    const match = SAMPLE_RATE_FIELD.exec(rateField);
    if (!match?.[1]) throw new EcgParseError(fileName, `sampling frequency '${rateField}' is not a number`);
    sampleRateHz = Number(match[1]);
  }
  if (!(sampleRateHz > 0)) throw new EcgParseError(fileName, `sampling frequency ${sampleRateHz} Hz is not positive`);
  const sampleCount = countField === undefined ? undefined : toInteger(countField, 'sample count', fileName);
  return {
    // Challenge headers may name the record with its signal file's extension (E07500.mat).
    recordName: nameField.replace(/\.(mat|dat|hea)$/i, ''),
    signalCount,
    sampleRateHz,
    sampleCount: sampleCount === undefined || sampleCount === 0 ? undefined : sampleCount,
    ...(timeField !== undefined ? { baseTime: timeField } : {}),
    ...(dateField !== undefined ? { baseDate: dateField } : {}),
  };
}

function parseSignalLine(line: string, index: number, fileName: string): WfdbSignalSpec {
  const fields = line.trim().split(/\s+/);
  const where = `signal line ${index + 1}`;
  const [signalFile, formatField, gainField, resolutionField, zeroField, initialField, checksumField] = fields;
  if (signalFile === undefined || formatField === undefined) {
    throw new EcgParseError(fileName, `${where} has no storage format`);
  }
  const format = FORMAT_FIELD.exec(formatField);
  if (!format?.[1]) throw new EcgParseError(fileName, `${where} has an unreadable format '${formatField}'`);
  const formatNumber = Number(format[1]);
  const adcZero = zeroField === undefined ? 0 : toInteger(zeroField, `${where} ADC zero`, fileName);
  let gain = DEFAULT_GAIN;
  let baseline = adcZero;
  let units = 'mV';
  if (gainField !== undefined) {
    const match = GAIN_FIELD.exec(gainField);
    if (!match?.[1]) throw new EcgParseError(fileName, `${where} has an unreadable gain '${gainField}'`);
    const stated = Number(match[1]);
    if (stated < 0 || !Number.isFinite(stated)) throw new EcgParseError(fileName, `${where} has a negative gain ${stated}`);
    gain = stated === 0 ? DEFAULT_GAIN : stated;
    if (match[2] !== undefined) baseline = Number(match[2]);
    if (match[3] !== undefined) units = match[3];
  }
  // Field 8 is the block size, which only matters to tape-era readers; the description follows it.
  const description = fields.slice(8).join(' ');
  return {
    fileName: signalFile,
    format: formatNumber,
    samplesPerFrame: format[2] === undefined ? 1 : Number(format[2]),
    skew: format[3] === undefined ? 0 : Number(format[3]),
    byteOffset: format[4] === undefined ? 0 : Number(format[4]),
    gain,
    baseline,
    units,
    adcResolutionBits:
      resolutionField === undefined || resolutionField === '0'
        ? (DEFAULT_ADC_RESOLUTION_BITS[formatNumber] ?? 16)
        : toInteger(resolutionField, `${where} ADC resolution`, fileName),
    adcZero,
    initialValue: initialField === undefined ? adcZero : toInteger(initialField, `${where} initial value`, fileName),
    ...(checksumField !== undefined ? { checksum: toInteger(checksumField, `${where} checksum`, fileName) } : {}),
    description,
  };
}

/** Parses header text; throws EcgParseError naming the file when a line cannot be read or the lead count lies. */
export function parseWfdbHeader(text: string, fileName: string): WfdbHeader {
  const lines = text.split(/\r?\n/);
  let cursor = 0;
  const skipBlankAndComments = (): void => {
    while (cursor < lines.length && /^\s*(#.*)?$/.test(lines[cursor] ?? '')) cursor++;
  };
  skipBlankAndComments();
  const recordLine = lines[cursor];
  if (recordLine === undefined) throw new EcgParseError(fileName, 'the header has no record line');
  cursor++;
  const record = parseRecordLine(recordLine, fileName);
  const signals: WfdbSignalSpec[] = [];
  const comments: string[] = [];
  for (; cursor < lines.length; cursor++) {
    const line = lines[cursor] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      comments.push(trimmed.replace(/^#+/, '').trim());
      continue;
    }
    if (signals.length >= record.signalCount) {
      throw new EcgParseError(
        fileName,
        `the record line declares ${record.signalCount} signals but line ${cursor + 1} is another signal line`
      );
    }
    signals.push(parseSignalLine(line, signals.length, fileName));
  }
  if (signals.length !== record.signalCount) {
    throw new EcgParseError(
      fileName,
      `the record line declares ${record.signalCount} signals but the header describes ${signals.length}`
    );
  }
  return { ...record, signals, comments };
}
