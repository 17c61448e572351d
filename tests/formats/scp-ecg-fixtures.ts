/** Reading the real SCP-ECG files in ../shared, and re-sealing mutated copies with valid CRCs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseSource } from '../../src/main/core/formats/parser.ts';
import { crcCcitt } from '../../src/main/core/formats/scp-ecg/crc-ccitt.ts';

export const SCP_FILES = [
  '0000050.ECG.scp',
  'ECG_20060620_112352_ANON000002.SCP',
  'ECG_20070321_110542_ANON000004.SCP',
  'Example.scp',
  'demo.scp',
] as const;

export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url));
}

export function readScp(fileName: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(`ecg/scp/${fileName}`)));
}

export function bytesSource(fileName: string, bytes: Uint8Array): ParseSource {
  return { fileName, bytes, readSibling: () => undefined };
}

/**
 * Recomputes every section CRC listed in section 0 and the record CRC, so that a mutation reaches
 * the section decoders instead of stopping at the checksum. Pointers that lie outside are skipped.
 */
export function resealCrcs(bytes: Uint8Array): Uint8Array {
  const sealed = bytes.slice();
  if (sealed.length < 22) return sealed;
  const view = new DataView(sealed.buffer);
  const sealSection = (start: number): void => {
    if (start + 16 > sealed.length) return;
    const length = view.getUint32(start + 4, true);
    if (length < 16 || start + length > sealed.length) return;
    view.setUint16(start, crcCcitt(sealed, start + 2, start + length), true);
  };
  const pointerTableLength = view.getUint32(10, true);
  for (let offset = 22; offset + 10 <= Math.min(6 + pointerTableLength, sealed.length); offset += 10) {
    const length = view.getUint32(offset + 2, true);
    const index = view.getUint32(offset + 6, true);
    if (length > 0 && index >= 1) sealSection(index - 1);
  }
  sealSection(6);
  const recordLength = Math.min(view.getUint32(2, true), sealed.length);
  view.setUint16(0, crcCcitt(sealed, 2, recordLength), true);
  return sealed;
}


/*
 * A minimal SCP-ECG writer for records no real file in ../shared exercises (bimodal compression,
 * reference-beat subtraction, confirmed and coded statements). It lays records out as EN 1064 does:
 * CRC and length, a section 0 pointer table listing sections 0–11, and 16-byte section headers
 * with their own CRCs; section bodies are padded to an even length.
 */

const SECTION_HEADER_BYTES = 16;
const POINTER_SECTION_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Little-endian byte builder for section bodies. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value).u8(value >> 8);
  }

  i16(value: number): this {
    return this.u16(value & 0xffff);
  }

  u32(value: number): this {
    return this.u16(value & 0xffff).u16(Math.floor(value / 0x10000));
  }

  raw(data: Uint8Array | readonly number[]): this {
    for (const byte of data) this.u8(byte);
    return this;
  }

  text(value: string): this {
    for (const char of value) this.u8(char.charCodeAt(0));
    return this.u8(0);
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function sectionBytes(id: number, body: Uint8Array): Uint8Array {
  const paddedBody = body.length % 2 === 0 ? body : Uint8Array.from([...body, 0]);
  const bytes = new Uint8Array(SECTION_HEADER_BYTES + paddedBody.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(2, id, true);
  view.setUint32(4, bytes.length, true);
  bytes[8] = 20;
  bytes[9] = 20;
  if (id === 0) bytes.set([...'SCPECG'].map((char) => char.charCodeAt(0)), 10);
  bytes.set(paddedBody, SECTION_HEADER_BYTES);
  view.setUint16(0, crcCcitt(bytes, 2, bytes.length), true);
  return bytes;
}

/** A whole record from section bodies by id (sections 1–11; section 0 is built here). */
export function buildScpRecord(bodies: ReadonlyMap<number, Uint8Array>): Uint8Array {
  const pointerTableBytes = SECTION_HEADER_BYTES + POINTER_SECTION_IDS.length * 10;
  const sections = [...bodies].sort(([a], [b]) => a - b).map(([id, body]) => ({ id, bytes: sectionBytes(id, body) }));
  const locations = new Map<number, { length: number; index: number }>([[0, { length: pointerTableBytes, index: 7 }]]);
  let offset = 6 + pointerTableBytes;
  for (const { id, bytes } of sections) {
    locations.set(id, { length: bytes.length, index: offset + 1 });
    offset += bytes.length;
  }
  const pointers = new ByteWriter();
  for (const id of POINTER_SECTION_IDS) {
    const location = locations.get(id);
    pointers.u16(id).u32(location?.length ?? 0).u32(location?.index ?? 0);
  }
  const record = new Uint8Array(offset);
  const view = new DataView(record.buffer);
  view.setUint32(2, record.length, true);
  record.set(sectionBytes(0, pointers.toBytes()), 6);
  let at = 6 + pointerTableBytes;
  for (const { bytes } of sections) {
    record.set(bytes, at);
    at += bytes.length;
  }
  view.setUint16(0, crcCcitt(record, 2, record.length), true);
  return record;
}

/** Section 1 holding only a patient id and the end tag. */
export function patientSection(patientId: string): Uint8Array {
  const id = new ByteWriter().text(patientId).toBytes();
  return new ByteWriter().u8(2).u16(id.length).raw(id).u8(255).u16(0).toBytes();
}

export interface LeadRange {
  /** SCP-ECG lead code (1 = I, 2 = II, 3 = V1 …). */
  code: number;
  startSample: number;
  endSample: number;
}

export function leadSection(leads: readonly LeadRange[], referenceBeatSubtracted: boolean): Uint8Array {
  // Byte 2: bit 0 subtraction, bit 2 all leads recorded simultaneously, bits 3–7 how many were.
  const writer = new ByteWriter().u8(leads.length).u8((referenceBeatSubtracted ? 0x01 : 0) | 0x04 | (leads.length << 3));
  for (const lead of leads) writer.u32(lead.startSample).u32(lead.endSample).u8(lead.code);
  return writer.toBytes();
}

export interface QrsComplex {
  beatType: number;
  startSample: number;
  fiducialSample: number;
  endSample: number;
}

export function qrsSection(
  referenceBeatLengthMs: number,
  referenceFiducialSample: number,
  complexes: readonly QrsComplex[],
  protectedZones?: readonly { startSample: number; endSample: number }[]
): Uint8Array {
  const writer = new ByteWriter().u16(referenceBeatLengthMs).u16(referenceFiducialSample).u16(complexes.length);
  for (const c of complexes) writer.u16(c.beatType).u32(c.startSample).u32(c.fiducialSample).u32(c.endSample);
  for (const zone of protectedZones ?? []) writer.u32(zone.startSample).u32(zone.endSample);
  return writer.toBytes();
}

/** Section 2 saying "the default Huffman table". */
export function defaultHuffmanSection(): Uint8Array {
  return new ByteWriter().u16(19999).toBytes();
}

/** Bit string of one value in the standard's default Huffman table. */
function defaultHuffmanCode(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude <= 8) return `${'1'.repeat(magnitude)}0${value > 0 ? '0' : '1'}`;
  if (value >= -128 && value <= 127) return `1111111110${(value & 0xff).toString(2).padStart(8, '0')}`;
  return `1111111111${(value & 0xffff).toString(2).padStart(16, '0')}`;
}

export function defaultHuffmanEncode(values: readonly number[]): Uint8Array {
  const bits = values.map(defaultHuffmanCode).join('');
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3] |= 0x80 >> (i & 7);
  return bytes;
}

export function int16Encode(values: readonly number[]): Uint8Array {
  const writer = new ByteWriter();
  for (const value of values) writer.i16(value);
  return writer.toBytes();
}

export function firstDifferences(values: readonly number[]): number[] {
  return values.map((value, i) => (i === 0 ? value : value - values[i - 1]));
}

/** Sections 5 and 6: AVM, sample interval, difference order, bimodal flag, byte counts, lead data. */
export function encodedWaveformSection(
  avmNv: number,
  sampleIntervalUs: number,
  differenceOrder: 0 | 1 | 2,
  bimodal: boolean,
  leadData: readonly Uint8Array[]
): Uint8Array {
  const writer = new ByteWriter().u16(avmNv).u16(sampleIntervalUs).u8(differenceOrder).u8(bimodal ? 1 : 0);
  for (const data of leadData) writer.u16(data.length);
  for (const data of leadData) writer.raw(data);
  return writer.toBytes();
}

/** Sections 8 and 11 share this header: report flag, date, time, statement count. */
function statementHeader(reportFlag: number, count: number): ByteWriter {
  return new ByteWriter().u8(reportFlag).u16(2024).u8(3).u8(15).u8(10).u8(30).u8(0).u8(count);
}

export function textStatementSection(reportFlag: number, statements: readonly string[]): Uint8Array {
  const writer = statementHeader(reportFlag, statements.length);
  statements.forEach((statement, i) => {
    const text = new ByteWriter().text(statement).toBytes();
    writer.u8(i + 1).u16(text.length).raw(text);
  });
  return writer.toBytes();
}

export interface UniversalStatement {
  /** 1 coded (acronyms), 2 full text, 3 statement logic. */
  type: 1 | 2 | 3;
  fields: readonly string[];
}

export function universalStatementSection(reportFlag: number, statements: readonly UniversalStatement[]): Uint8Array {
  const writer = statementHeader(reportFlag, statements.length);
  statements.forEach((statement, i) => {
    const field = new ByteWriter().u8(statement.type);
    for (const part of statement.fields) field.text(part);
    const bytes = field.toBytes();
    writer.u8(i + 1).u16(bytes.length).raw(bytes);
  });
  return writer.toBytes();
}
