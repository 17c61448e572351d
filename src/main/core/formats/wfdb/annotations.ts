/**
 * MIT-format WFDB annotation files (.atr, .pu, .q1c, LUDB's per-lead .i/.ii/.v1 …).
 *
 * Each entry is a little-endian 16-bit word: the top 6 bits are the annotation type, the low 10
 * bits a sample-count increment. Types 59–63 are pseudo-annotations: SKIP carries a longer
 * increment, NUM/CHN set values that persist, SUB/AUX modify the annotation just read.
 * Written here because no maintained JavaScript reader exists.
 */
import { EcgParseError } from '../parser.ts';

export interface WfdbAnnotation {
  /** Sample index from the start of the record. */
  sample: number;
  /** MIT mnemonic, e.g. 'N', 'V', 'p', 't', '(', ')'; `[n]` for a type with no standard mnemonic. */
  code: string;
  subtype: number;
  chan: number;
  num: number;
  /** Auxiliary text (rhythm changes such as "(AFIB", notes), when present. */
  aux?: string;
}

const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;

/** Mnemonics of annotation types 0–41 as defined by WFDB's ecgcodes.h; '' where the type is unused. */
const MNEMONICS: readonly string[] = [
  ' ', 'N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S',
  'E', 'j', '/', 'Q', '~', '', '|', '', 's', 'T',
  '*', 'D', '"', '=', 'p', 'B', '^', 't', '+', 'u',
  '?', '!', '[', ']', 'e', 'n', '@', 'x', 'f', '(',
  ')', 'r',
];

function mnemonic(type: number): string {
  const known = MNEMONICS[type];
  return known !== undefined && known !== '' ? known : `[${type}]`;
}

const latin1 = new TextDecoder('latin1');

/** Decodes an MIT-format annotation file; throws EcgParseError naming the file when it is malformed. */
export function parseWfdbAnnotations(bytes: Uint8Array, fileName: string): WfdbAnnotation[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const annotations: WfdbAnnotation[] = [];
  let sample = 0;
  let num = 0;
  let chan = 0;
  let current: WfdbAnnotation | undefined;
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const word = view.getUint16(offset, true);
    offset += 2;
    const type = word >> 10;
    const value = word & 0x3ff;
    if (type === 0 && value === 0) return annotations;
    switch (type) {
      case SKIP: {
        if (offset + 4 > bytes.length) {
          throw new EcgParseError(fileName, `annotation file ends inside a SKIP entry at byte ${offset - 2}`);
        }
        // The 32-bit interval is stored PDP-11 style: high 16-bit word first, each word little-endian.
        const interval = (view.getInt16(offset, true) * 65536) + view.getUint16(offset + 2, true);
        sample += interval;
        offset += 4;
        break;
      }
      case NUM:
        num = value >= 512 ? value - 1024 : value;
        if (current) current.num = num;
        break;
      case SUB:
        if (current) current.subtype = value >= 512 ? value - 1024 : value;
        break;
      case CHN:
        chan = value;
        if (current) current.chan = chan;
        break;
      case AUX: {
        if (offset + value > bytes.length) {
          throw new EcgParseError(fileName, `annotation file ends inside an AUX string at byte ${offset - 2}`);
        }
        const text = latin1.decode(bytes.subarray(offset, offset + value)).replace(/\0+$/, '');
        if (current) current.aux = text;
        offset += value + (value & 1);
        break;
      }
      default:
        sample += value;
        current = { sample, code: mnemonic(type), subtype: 0, chan, num };
        annotations.push(current);
    }
  }
  return annotations;
}
