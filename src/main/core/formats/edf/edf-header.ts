/**
 * The EDF/EDF+ header: 256 ASCII bytes for the file, then 256 bytes per signal stored field by
 * field (all labels, then all transducers, …). Numbers are ASCII, space-padded.
 */
import { EcgParseError } from '../parser.ts';

export interface EdfSignalHeader {
  label: string;
  transducer: string;
  physicalDimension: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  samplesPerRecord: number;
}

export interface EdfHeader {
  version: string;
  patientField: string;
  recordingField: string;
  /** "dd.mm.yy" as written. */
  startDate: string;
  /** "hh.mm.ss" as written. */
  startTime: string;
  headerBytes: number;
  /** "EDF+C" or "EDF+D" for EDF+, blank for plain EDF. */
  reserved: string;
  /** -1 while a recorder was still writing; the file's length then decides. */
  dataRecordCount: number;
  dataRecordDurationS: number;
  signals: EdfSignalHeader[];
}

export const EDF_FIXED_HEADER_BYTES = 256;
export const EDF_SIGNAL_HEADER_BYTES = 256;

const latin1 = new TextDecoder('latin1');

function numberField(text: string, what: string, fileName: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new EcgParseError(fileName, `EDF header field '${what}' is not a number ('${trimmed}')`);
  }
  return value;
}

/** Reads the fixed and per-signal header; throws EcgParseError naming the file and the bad field. */
export function parseEdfHeader(bytes: Uint8Array, fileName: string): EdfHeader {
  if (bytes.length < EDF_FIXED_HEADER_BYTES) {
    throw new EcgParseError(fileName, `is ${bytes.length} bytes, shorter than the 256-byte EDF header`);
  }
  let offset = 0;
  const take = (length: number): string => {
    const text = latin1.decode(bytes.subarray(offset, offset + length));
    offset += length;
    return text;
  };
  const version = take(8).trim();
  if (version !== '0') throw new EcgParseError(fileName, `EDF version is '${version}', not '0'`);
  const patientField = take(80).trim();
  const recordingField = take(80).trim();
  const startDate = take(8).trim();
  const startTime = take(8).trim();
  const headerBytes = numberField(take(8), 'number of header bytes', fileName);
  const reserved = take(44).trim();
  const dataRecordCount = numberField(take(8), 'number of data records', fileName);
  const dataRecordDurationS = numberField(take(8), 'duration of a data record', fileName);
  const signalCount = numberField(take(4), 'number of signals', fileName);
  if (!Number.isInteger(signalCount) || signalCount < 1) {
    throw new EcgParseError(fileName, `EDF header declares ${signalCount} signals`);
  }
  const expectedHeaderBytes = EDF_FIXED_HEADER_BYTES + signalCount * EDF_SIGNAL_HEADER_BYTES;
  if (headerBytes !== expectedHeaderBytes) {
    throw new EcgParseError(
      fileName,
      `EDF header says it is ${headerBytes} bytes, but ${signalCount} signals make it ${expectedHeaderBytes}`
    );
  }
  if (bytes.length < expectedHeaderBytes) {
    throw new EcgParseError(fileName, `is truncated inside its EDF header (${bytes.length} of ${expectedHeaderBytes} bytes)`);
  }
  const column = (width: number): string[] => Array.from({ length: signalCount }, () => take(width).trim());
  const labels = column(16);
  const transducers = column(80);
  const dimensions = column(8);
  const physicalMins = column(8);
  const physicalMaxes = column(8);
  const digitalMins = column(8);
  const digitalMaxes = column(8);
  const prefilterings = column(80);
  const samplesPerRecord = column(8);
  const signals = labels.map((label, i): EdfSignalHeader => {
    const what = (field: string): string => `${field} of signal ${i + 1} (${label})`;
    const count = numberField(samplesPerRecord[i] ?? '', what('samples per record'), fileName);
    if (!Number.isInteger(count) || count < 1) {
      throw new EcgParseError(fileName, `signal ${i + 1} (${label}) has ${count} samples per data record`);
    }
    return {
      label,
      transducer: transducers[i] ?? '',
      physicalDimension: dimensions[i] ?? '',
      physicalMin: numberField(physicalMins[i] ?? '', what('physical minimum'), fileName),
      physicalMax: numberField(physicalMaxes[i] ?? '', what('physical maximum'), fileName),
      digitalMin: numberField(digitalMins[i] ?? '', what('digital minimum'), fileName),
      digitalMax: numberField(digitalMaxes[i] ?? '', what('digital maximum'), fileName),
      prefiltering: prefilterings[i] ?? '',
      samplesPerRecord: count,
    };
  });
  return {
    version,
    patientField,
    recordingField,
    startDate,
    startTime,
    headerBytes,
    reserved,
    dataRecordCount,
    dataRecordDurationS,
    signals,
  };
}
