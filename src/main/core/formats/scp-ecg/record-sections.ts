/**
 * The SCP-ECG record layout: record CRC and length, the section pointer table (section 0), and each
 * section's 16-byte header with its own CRC. Returns the body (after the header) of every section present.
 */
import { ByteReader } from './byte-reader.ts';
import { crcCcitt } from './crc-ccitt.ts';
import { ScpFormatError } from './scp-format-error.ts';

const RECORD_HEADER_BYTES = 6;
const SECTION_HEADER_BYTES = 16;
const POINTER_BYTES = 10;

export interface ScpSection {
  id: number;
  /** Section version byte of the header (e.g. 13 for v1.3, 20 for v2.0). */
  versionNumber: number;
  /** Protocol version byte of the header. */
  protocolVersion: number;
  body: ByteReader;
}

export interface ScpSections {
  /** Protocol version from section 0: 10–13 for SCP-ECG v1.x, 20 for v2.0, 29–30 for v3.0. */
  protocolVersion: number;
  byId: Map<number, ScpSection>;
}

function readSectionAt(record: Uint8Array, offset: number, expectedId: number, expectedLength?: number): ScpSection {
  const label = `section ${expectedId}`;
  if (offset + SECTION_HEADER_BYTES > record.length) throw new ScpFormatError(`${label} starts past the end of the record`);
  const header = new ByteReader(record.subarray(offset, offset + SECTION_HEADER_BYTES), `${label} header`);
  const storedCrc = header.u16(0, 'CRC');
  const id = header.u16(2, 'section id');
  const length = header.u32(4, 'length');
  if (id !== expectedId) throw new ScpFormatError(`${label}: its header says it is section ${id}`);
  if (expectedLength !== undefined && length !== expectedLength) {
    throw new ScpFormatError(`${label}: header length ${length} differs from the pointer table's ${expectedLength}`);
  }
  if (length < SECTION_HEADER_BYTES) throw new ScpFormatError(`${label}: length ${length} is shorter than its header`);
  if (offset + length > record.length) {
    throw new ScpFormatError(`${label} is truncated: it declares ${length} bytes, ${record.length - offset} remain`);
  }
  const computedCrc = crcCcitt(record, offset + 2, offset + length);
  if (computedCrc !== storedCrc) {
    throw new ScpFormatError(`${label} CRC mismatch (stored 0x${hex4(storedCrc)}, computed 0x${hex4(computedCrc)})`);
  }
  return {
    id,
    versionNumber: header.u8(8, 'version'),
    protocolVersion: header.u8(9, 'protocol version'),
    body: new ByteReader(record.subarray(offset + SECTION_HEADER_BYTES, offset + length), label),
  };
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

export function readRecordSections(bytes: Uint8Array): ScpSections {
  if (bytes.length < RECORD_HEADER_BYTES + SECTION_HEADER_BYTES) {
    throw new ScpFormatError(`only ${bytes.length} bytes, too short for an SCP-ECG record`);
  }
  const file = new ByteReader(bytes, 'record');
  const recordLength = file.u32(2, 'record length');
  if (recordLength > bytes.length) {
    throw new ScpFormatError(`truncated: the record declares ${recordLength} bytes, the file has ${bytes.length}`);
  }
  if (recordLength < RECORD_HEADER_BYTES + SECTION_HEADER_BYTES) {
    throw new ScpFormatError(`record length ${recordLength} is too short for an SCP-ECG record`);
  }
  const record = bytes.subarray(0, recordLength);
  const storedCrc = file.u16(0, 'record CRC');
  const computedCrc = crcCcitt(record, 2, recordLength);
  if (storedCrc !== computedCrc) {
    throw new ScpFormatError(`record CRC mismatch (stored 0x${hex4(storedCrc)}, computed 0x${hex4(computedCrc)})`);
  }

  const pointerSection = readSectionAt(record, RECORD_HEADER_BYTES, 0);
  const byId = new Map<number, ScpSection>([[0, pointerSection]]);
  const pointers = pointerSection.body;
  for (let offset = 0; offset + POINTER_BYTES <= pointers.length; offset += POINTER_BYTES) {
    const id = pointers.u16(offset, 'section id');
    const length = pointers.u32(offset + 2, 'section length');
    const index = pointers.u32(offset + 6, 'section index');
    if (id === 0 || length === 0) continue;
    if (byId.has(id)) throw new ScpFormatError(`section 0 lists section ${id} twice`);
    // Pointer indices count from 1 (byte 1 is the first byte of the record).
    if (index < 1 || index - 1 + length > recordLength) {
      throw new ScpFormatError(`section ${id} lies outside the record (index ${index}, length ${length})`);
    }
    byId.set(id, readSectionAt(record, index - 1, id, length));
  }
  return { protocolVersion: pointerSection.protocolVersion, byId };
}
