/**
 * Sections 8 (full-text interpretive statements) and 11 (universal statement codes): the
 * interpretation, one statement per entry. Byte 1 says whose it is: 0 the device's original report,
 * 1 a report confirmed by a physician, 2 overread but not confirmed. Only a confirmed report is the
 * physician's; an unconfirmed overread is not signed, so it stays with the device.
 */
import type { SourceStatement, StatementSource } from '../../../../shared/ecg/record.ts';
import { latin1Text, type ByteReader } from './byte-reader.ts';

/** Both sections start with: confirmed flag, date (4), time (3), number of statements. */
const STATEMENTS_OFFSET = 9;

/** Byte 1 of a report a physician confirmed. */
const CONFIRMED_REPORT = 1;

/** Section 11 statement types that precede the text. */
const CODED_STATEMENT = 1;
const FULL_TEXT_STATEMENT = 2;
const STATEMENT_LOGIC = 3;

function splitNulTerminated(bytes: Uint8Array): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0) {
      const text = latin1Text(bytes.subarray(start, i));
      if (text) parts.push(text);
      start = i + 1;
    }
  }
  return parts;
}

function reportSource(body: ByteReader): StatementSource {
  return body.u8(0, 'confirmed report flag') === CONFIRMED_REPORT ? 'physician' : 'device';
}

function readEntries(body: ByteReader): Uint8Array[] {
  const count = body.u8(8, 'number of statements');
  const entries: Uint8Array[] = [];
  let offset = STATEMENTS_OFFSET;
  for (let i = 0; i < count && body.has(offset, 3); i++) {
    const length = body.u16(offset + 1, 'statement length');
    entries.push(body.slice(offset + 3, length, `statement ${i + 1}`));
    offset += 3 + length;
  }
  return entries;
}

export function readTextStatements(body: ByteReader): SourceStatement[] {
  const source = reportSource(body);
  return readEntries(body)
    .map((entry) => splitNulTerminated(entry).join(' '))
    .filter((text) => text.length > 0)
    .map((text) => ({ text, source }));
}

export function readCodedStatements(body: ByteReader): SourceStatement[] {
  const source = reportSource(body);
  const statements: SourceStatement[] = [];
  for (const entry of readEntries(body)) {
    const type = entry[0];
    const typed = type === CODED_STATEMENT || type === FULL_TEXT_STATEMENT || type === STATEMENT_LOGIC;
    const parts = splitNulTerminated(typed ? entry.subarray(1) : entry);
    if (parts.length === 0) continue;
    statements.push(
      type === CODED_STATEMENT
        ? { text: parts.join(' '), source, code: parts[0], codeSystem: 'SCP-ECG' }
        : { text: parts.join(' '), source }
    );
  }
  return statements;
}
