/**
 * A parsed record ready to store: metadata, waveforms already encoded, and the files it came from.
 * Structured-cloneable, so it can be built in an import worker and written by the database owner.
 */
import type { EcgRecord } from '../../../shared/ecg/record.ts';

export interface SourceFileHash {
  path: string;
  sha256: string;
  sizeBytes: number;
}

export interface PreparedRecord {
  /** The record without samples (waveform sets keep sampling rate and lead names only). */
  record: Omit<EcgRecord, 'rhythm' | 'medianBeats'>;
  sampleRateHz: number;
  durationS: number;
  leadNames: string[];
  rhythmBlob: Uint8Array;
  median: { sampleRateHz: number; blob: Uint8Array } | null;
  /** sha256 over every file the record was read from: its identity in the study. */
  sourceSha256: string;
  /** The primary file first, then the companions it read. */
  files: SourceFileHash[];
}

/** What storing one prepared record did; `error` is what the failed write threw. */
export type RecordWriteOutcome =
  | { kind: 'imported'; recordId: number }
  | { kind: 'duplicate'; recordId: number }
  | { kind: 'failed'; error: unknown };
