/**
 * Bytes of an XML file to text, honouring a byte-order mark or the encoding its declaration names.
 * Shared by the vendor XML parsers (MUSE is ISO-8859-1, Philips 1.04+ is UTF-16LE with a BOM).
 */
import { EcgParseError } from '../parser.ts';

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** Encoding named in the `<?xml … encoding="…"?>` declaration of an 8-bit file, lower-cased. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
}

function decode(bytes: Uint8Array, label: string, fileName: string): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new EcgParseError(fileName, `the text is not valid ${label}`);
  }
}

/** Decodes a whole XML file to a string (without its BOM). */
export function decodeXmlText(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(bytes.subarray(3), 'utf-8', fileName);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes.subarray(2), 'utf-16le', fileName);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes.subarray(2), 'utf-16be', fileName);
  // UTF-16 without a BOM still starts with '<' next to a zero byte.
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return decode(bytes, 'utf-16le', fileName);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return decode(bytes, 'utf-16be', fileName);
  const encoding = declaredEncoding(bytes);
  // Windows-1252 is a superset of the printable ISO-8859-1 range, and what TextDecoder gives for 'latin1'.
  if (encoding !== undefined && LATIN1_NAMES.has(encoding)) return new TextDecoder('latin1').decode(bytes);
  return decode(bytes, 'utf-8', fileName);
}

/** The first characters of a file as text, for sniffing; never throws. */
export function xmlHead(bytes: Uint8Array, maxBytes = 4096): string {
  try {
    const head = bytes.subarray(0, maxBytes);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0x3c && head[1] === 0x00)) {
      return new TextDecoder('utf-16le').decode(head);
    }
    if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] === 0x3c)) {
      return new TextDecoder('utf-16be').decode(head);
    }
    return new TextDecoder('latin1').decode(head);
  } catch {
    return '';
  }
}
