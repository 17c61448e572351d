/**
 * The LZW variant inside Philips XLI chunks: fixed 10-bit codes packed most significant bit first,
 * codes 0–255 are bytes, new strings take codes 256–1022, and code 1023 ends the stream.
 * Written here because no maintained package decodes fixed-width 10-bit LZW without clear codes.
 */

const CODE_BITS = 10;
const LAST_DICTIONARY_CODE = (1 << CODE_BITS) - 2;

export class LzwFormatError extends Error {}

/** Decodes one LZW stream; throws LzwFormatError on a code the stream could not have produced, or past maxOutputBytes. */
export function decodeLzw10(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  const dictionary: Uint8Array[] = [];
  for (let code = 0; code < 256; code++) dictionary.push(Uint8Array.of(code));
  const output = new Uint8Array(maxOutputBytes);
  let outputLength = 0;
  let previous: Uint8Array | undefined;
  let bitBuffer = 0;
  let bitCount = 0;
  let offset = 0;
  for (;;) {
    while (bitCount < CODE_BITS && offset < input.length) {
      bitBuffer = ((bitBuffer << 8) | input[offset++]) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < CODE_BITS) break;
    const code = (bitBuffer >> (bitCount - CODE_BITS)) & ((1 << CODE_BITS) - 1);
    bitCount -= CODE_BITS;
    if (code > LAST_DICTIONARY_CODE) break;
    let entry: Uint8Array;
    if (code < dictionary.length) {
      entry = dictionary[code];
    } else if (code === dictionary.length && previous !== undefined) {
      // The one code an LZW decoder meets before defining it: previous string + its own first byte.
      entry = new Uint8Array(previous.length + 1);
      entry.set(previous);
      entry[previous.length] = previous[0];
    } else {
      throw new LzwFormatError(`code ${code} used before it was defined (dictionary holds ${dictionary.length})`);
    }
    if (previous !== undefined && dictionary.length <= LAST_DICTIONARY_CODE) {
      const added = new Uint8Array(previous.length + 1);
      added.set(previous);
      added[previous.length] = entry[0];
      dictionary.push(added);
    }
    if (outputLength + entry.length > maxOutputBytes) {
      throw new LzwFormatError(`decompresses to more than the ${maxOutputBytes} bytes expected`);
    }
    output.set(entry, outputLength);
    outputLength += entry.length;
    previous = entry;
  }
  return output.subarray(0, outputLength);
}
