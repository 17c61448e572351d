/**
 * Reads a DICOM Part 10 file with dicom-parser and offers typed, validated access to the values
 * the ECG reader needs (strings in the file's character set, decimal strings, code sequences).
 */
import dicomParser, { type DataSet } from 'dicom-parser';
import { EcgParseError } from '../parser.ts';
import { SEQUENCE_TAGS, TAG } from './dicom-tags.ts';

/** A coded entry (CodeValue, CodingSchemeDesignator, CodeMeaning). */
export interface DicomCode {
  value?: string;
  scheme?: string;
  meaning?: string;
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }`; this turns each into a sentence. */
function describeParserFailure(failure: unknown): string {
  if (typeof failure === 'string') return failure;
  if (failure instanceof Error) return failure.message;
  if (typeof failure === 'object' && failure !== null && 'exception' in failure) return String(failure.exception);
  return String(failure);
}

export function hasDicomPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

export function readDicomDataSet(fileName: string, bytes: Uint8Array): DataSet {
  if (!hasDicomPreamble(bytes)) {
    throw new EcgParseError(fileName, 'not a DICOM Part 10 file (no "DICM" marker at byte 128)');
  }
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, {
      vrCallback: (tag: string) => (SEQUENCE_TAGS.has(tag) ? 'SQ' : undefined),
    });
  } catch (failure) {
    throw new EcgParseError(fileName, `damaged or truncated DICOM file (${describeParserFailure(failure)})`);
  }
  const unterminated = unterminatedSequence(dataSet);
  if (unterminated) {
    throw new EcgParseError(fileName, `truncated DICOM file (it ends inside sequence ${unterminated})`);
  }
  return dataSet;
}

/**
 * dicom-parser ends an undefined-length sequence silently at the end of the buffer; a closed one is
 * followed by its 8-byte delimiter, so one that reaches the very end was cut off.
 */
function unterminatedSequence(dataSet: DataSet): string | undefined {
  const end = dataSet.byteArray.length;
  const cut = Object.values(dataSet.elements).find(
    (element) => element.hadUndefinedLength && element.items && element.dataOffset + element.length >= end
  );
  return cut ? `(${cut.tag.slice(1, 5)},${cut.tag.slice(5)})`.toUpperCase() : undefined;
}

export function isBigEndian(dataSet: DataSet): boolean {
  return dataSet.byteArrayParser === dicomParser.bigEndianByteArrayParser;
}

/**
 * Decodes text elements in the file's character set. dicom-parser reads bytes as Latin-1; files
 * declaring ISO_IR 192 are UTF-8, so those are decoded here instead.
 */
export class DicomText {
  private readonly decoder: TextDecoder;

  constructor(root: DataSet) {
    const charset = root.string(TAG.specificCharacterSet) ?? '';
    this.decoder = new TextDecoder(charset.includes('ISO_IR 192') ? 'utf-8' : 'latin1');
  }

  /** The trimmed value (or the `index`-th of a multi-valued one); undefined when absent or blank. */
  string(dataSet: DataSet, tag: string, index = 0): string | undefined {
    const element = dataSet.elements[tag];
    if (!element || element.length === 0 || element.length === 0xffffffff) return undefined;
    const end = Math.min(element.dataOffset + element.length, dataSet.byteArray.length);
    const raw = this.decoder.decode(dataSet.byteArray.subarray(element.dataOffset, end)).replace(/\0+$/, '');
    const value = raw.split('\\')[index]?.trim();
    return value ? value : undefined;
  }

  /** A decimal or integer string (DS, IS) as a number; undefined when absent, NaN when not a number. */
  number(dataSet: DataSet, tag: string, index = 0): number | undefined {
    const text = this.string(dataSet, tag, index);
    return text === undefined ? undefined : Number(text);
  }

  /** The first item of a code sequence. */
  code(dataSet: DataSet, sequenceTag: string): DicomCode | undefined {
    const [item] = items(dataSet, sequenceTag);
    if (!item) return undefined;
    return {
      value: this.string(item, TAG.codeValue) ?? this.string(item, TAG.longCodeValue),
      scheme: this.string(item, TAG.codingSchemeDesignator),
      meaning: this.string(item, TAG.codeMeaning),
    };
  }
}

/** The items of a sequence, empty when absent. */
export function items(dataSet: DataSet, sequenceTag: string): DataSet[] {
  const element = dataSet.elements[sequenceTag];
  return (element?.items ?? []).flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

/** All values of a binary unsigned list (US, UL) element. */
export function unsignedValues(dataSet: DataSet, tag: string, bytesPerValue: 2 | 4): number[] {
  const element = dataSet.elements[tag];
  if (!element) return [];
  const count = Math.floor(element.length / bytesPerValue);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = bytesPerValue === 2 ? dataSet.uint16(tag, i) : dataSet.uint32(tag, i);
    if (value !== undefined) values.push(value);
  }
  return values;
}
