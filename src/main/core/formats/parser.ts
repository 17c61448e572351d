/**
 * What every format parser implements. Parsers are pure over bytes (no fs), so the importer decides
 * how files are read, tracks every file a record used, and can run parsers in worker threads.
 */
import type { EcgFormat, EcgRecord } from '../../../shared/ecg/record.ts';

export interface ParseSource {
  /** Base name of the file, e.g. "E07500.hea". */
  fileName: string;
  /** Full path where known; messages name `fileName`. */
  path?: string;
  bytes: Uint8Array;
  /**
   * Reads another file of the same record from the same folder by base name (WFDB .dat, ISHNE .ann),
   * or returns undefined when it does not exist. The importer records what was read.
   */
  readSibling(fileName: string): Uint8Array | undefined;
}

/** Options for formats whose files do not say everything (CSV without a sampling rate, …). */
export interface ParseOptions {
  sampleRateHz?: number;
  /** Microvolts per unit of the file's numbers, for formats that do not state their units. */
  uvPerUnit?: number;
}

export interface EcgFormatParser {
  format: EcgFormat;
  /** Lower-case extensions of primary files, with the dot: ['.hea']. */
  extensions: readonly string[];
  /** Cheap check on the first bytes and the name, used when the extension is ambiguous or absent. */
  sniff(source: ParseSource): boolean;
  /** Decodes the file or throws EcgParseError naming the problem. */
  parse(source: ParseSource, options?: ParseOptions): EcgRecord;
}

/** A file that is not a valid ECG of its format. `message` names the file and what is wrong. */
export class EcgParseError extends Error {
  readonly fileName: string;
  readonly problem: string;
  constructor(fileName: string, problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'EcgParseError';
    this.fileName = fileName;
    this.problem = problem;
  }
}
