/** Where files are parsed and encoded: in this thread, or in a pool of worker threads. */
import type { ParseOptions } from '../formats/parser.ts';
import { prepareRecordFromFile, type PrepareOutcome, type RecordAdjuster } from './prepare-record.ts';

export interface RecordPreparer {
  /** How many files may be in flight at once. */
  readonly concurrency: number;
  prepare(path: string): Promise<PrepareOutcome>;
  close(): Promise<void>;
}

export function inProcessPreparer(options?: ParseOptions, adjust?: RecordAdjuster): RecordPreparer {
  return {
    concurrency: 1,
    prepare: async (path) => prepareRecordFromFile(path, options, adjust),
    close: async () => undefined,
  };
}
