/**
 * Sections 8 (full-text interpretive statements) and 11 (universal statement codes): the device's
 * interpretation, one statement per entry.
 */
import type { SourceStatement } from '../../../../shared/ecg/record.ts';
import { latin1Text, type ByteReader } from './byte-reader.ts';

/** Both sections start with: confirmed flag, date (4), time (3), number of statements. */
const STATEMENTS_OFFSET = 9;

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
  return readEntries(body)
    .map((entry) => splitNulTerminated(entry).join(' '))
    .filter((text) => text.length > 0)
    .map((text) => ({ text, source: 'device' }));
}

export function readCodedStatements(body: ByteReader): SourceStatement[] {
  const statements: SourceStatement[] = [];
  for (const entry of readEntries(body)) {
    const type = entry[0];
    const typed = type === CODED_STATEMENT || type === FULL_TEXT_STATEMENT || type === STATEMENT_LOGIC;
    const parts = splitNulTerminated(typed ? entry.subarray(1) : entry);
    if (parts.length === 0) continue;
    statements.push(
      type === CODED_STATEMENT
        ? { text: parts.join(' '), source: 'device', code: parts[0], codeSystem: 'SCP-ECG' }
        : { text: parts.join(' '), source: 'device' }
    );
  }
  return statements;
}
