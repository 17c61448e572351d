/**
 * The ISHNE 1.0 header shared by the signal file (magic "ISHNE1.0") and its annotation file
 * ("ANN  1.0"): magic, CRC-CCITT over the fixed and variable-length header, then a 512-byte
 * little-endian fixed header (Badilini et al., Ann Noninvasive Electrocardiol 1998;3:263–266).
 */
import { crcCcitt } from '../scp-ecg/crc-ccitt.ts';

export const ISHNE_SIGNAL_MAGIC = 'ISHNE1.0';
export const ISHNE_ANNOTATION_MAGIC = 'ANN  1.0';
const MAGIC_BYTES = 8;
const CRC_END = 10;
const FIXED_HEADER_END = CRC_END + 512;
export const ISHNE_MAX_LEADS = 12;

export interface IshneDate {
  day: number;
  month: number;
  year: number;
}

export interface IshneHeader {
  magic: string;
  storedCrc: number;
  computedCrc: number;
  variableBlockBytes: number;
  samplesPerLead: number;
  variableBlockOffset: number;
  dataOffset: number;
  version: number;
  firstName: string;
  lastName: string;
  subjectId: string;
  sexCode: number;
  raceCode: number;
  birthDate: IshneDate;
  recordDate: IshneDate;
  fileDate: IshneDate;
  startTime: { hour: number; minute: number; second: number };
  leadCount: number;
  leadSpecCodes: number[];
  leadQualityCodes: number[];
  resolutionNv: number[];
  pacemakerCode: number;
  recorder: string;
  sampleRateHz: number;
  proprietary: string;
  copyright: string;
  variableBlock: string;
}

export class IshneHeaderError extends Error {}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder('latin1').decode(end < 0 ? field : field.subarray(0, end)).trim();
}

export function readMagic(bytes: Uint8Array): string {
  return bytes.length >= MAGIC_BYTES ? new TextDecoder('latin1').decode(bytes.subarray(0, MAGIC_BYTES)) : '';
}

/** Reads and bounds-checks the header; the CRC is reported, not judged (callers decide). */
export function readIshneHeader(bytes: Uint8Array): IshneHeader {
  if (bytes.length < FIXED_HEADER_END) {
    throw new IshneHeaderError(`the file is ${bytes.length} bytes, shorter than the ${FIXED_HEADER_END}-byte ISHNE header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i16 = (offset: number): number => view.getInt16(offset, true);
  const i16s = (offset: number, count: number): number[] => Array.from({ length: count }, (_, i) => i16(offset + 2 * i));
  const date = (offset: number): IshneDate => ({ day: i16(offset), month: i16(offset + 2), year: i16(offset + 4) });
  const variableBlockBytes = view.getInt32(10, true);
  const variableBlockOffset = view.getInt32(18, true);
  const dataOffset = view.getInt32(22, true);
  if (variableBlockBytes < 0 || variableBlockOffset < FIXED_HEADER_END || variableBlockOffset + variableBlockBytes > bytes.length) {
    throw new IshneHeaderError(`the variable-length block (${variableBlockBytes} bytes at ${variableBlockOffset}) lies outside the file`);
  }
  if (dataOffset < FIXED_HEADER_END || dataOffset > bytes.length) {
    throw new IshneHeaderError(`the data offset ${dataOffset} lies outside the file`);
  }
  const headerEnd = Math.max(FIXED_HEADER_END + variableBlockBytes, FIXED_HEADER_END);
  return {
    magic: readMagic(bytes),
    storedCrc: view.getUint16(8, true),
    computedCrc: crcCcitt(bytes, CRC_END, headerEnd),
    variableBlockBytes,
    samplesPerLead: view.getInt32(14, true),
    variableBlockOffset,
    dataOffset,
    version: i16(26),
    firstName: ascii(bytes, 28, 40),
    lastName: ascii(bytes, 68, 40),
    subjectId: ascii(bytes, 108, 20),
    sexCode: i16(128),
    raceCode: i16(130),
    birthDate: date(132),
    recordDate: date(138),
    fileDate: date(144),
    startTime: { hour: i16(150), minute: i16(152), second: i16(154) },
    leadCount: i16(156),
    leadSpecCodes: i16s(158, ISHNE_MAX_LEADS),
    leadQualityCodes: i16s(182, ISHNE_MAX_LEADS),
    resolutionNv: i16s(206, ISHNE_MAX_LEADS),
    pacemakerCode: i16(230),
    recorder: ascii(bytes, 232, 40),
    sampleRateHz: i16(272),
    proprietary: ascii(bytes, 274, 80),
    copyright: ascii(bytes, 354, 80),
    variableBlock: ascii(bytes, variableBlockOffset, variableBlockBytes),
  };
}

/** ISO date from an ISHNE day/month/year triple, or undefined where the header marks it unknown (−9). */
export function ishneIsoDate({ day, month, year }: IshneDate): string | undefined {
  if (!(year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
