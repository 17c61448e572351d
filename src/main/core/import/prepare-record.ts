/**
 * The CPU-bound half of importing one file: parse, hash, encode waveforms. Never throws: a file that
 * is not a valid ECG comes back as a failure naming the problem, with the files it read.
 */
import { EcgParseError, type ParseOptions } from '../formats/parser.ts';
import { parseEcg } from '../formats/registry.ts';
import type { EcgRecord } from '../../../shared/ecg/record.ts';
import { recordDurationS } from '../../../shared/ecg/record.ts';
import { encodeWaveformSet } from '../storage/waveform-codec.ts';
import type { PreparedRecord } from '../study/prepared-record.ts';
import { combinedSha256, hashingFileSource, type HashingFileSource } from './hashing-file-source.ts';

export type PrepareOutcome =
  | { ok: true; path: string; filesRead: string[]; prepared: PreparedRecord }
  | { ok: false; path: string; filesRead: string[]; error: string };

/** Lets a caller complete metadata the files lack (the demo study's PTB-XL demographics). */
export type RecordAdjuster = (record: EcgRecord, path: string) => EcgRecord;

export function describeImportError(error: unknown): string {
  if (error instanceof EcgParseError) return error.problem;
  if (error instanceof Error) return `could not be read: ${error.message}`;
  return `could not be read: ${String(error)}`;
}

export function toPreparedRecord(record: EcgRecord, files: PreparedRecord['files']): PreparedRecord {
  const { rhythm, medianBeats, ...rest } = record;
  if (rhythm.leads.length === 0) throw new EcgParseError(record.sourceFile, 'has no leads');
  if (!(rhythm.sampleRateHz > 0)) throw new EcgParseError(record.sourceFile, `has an invalid sampling rate (${rhythm.sampleRateHz})`);
  return {
    record: rest,
    sampleRateHz: rhythm.sampleRateHz,
    durationS: recordDurationS(rhythm),
    leadNames: rhythm.leads.map((lead) => lead.name),
    rhythmBlob: encodeWaveformSet(rhythm),
    median: medianBeats ? { sampleRateHz: medianBeats.sampleRateHz, blob: encodeWaveformSet(medianBeats) } : null,
    sourceSha256: combinedSha256(files),
    files,
  };
}

export function prepareRecordFromFile(path: string, options?: ParseOptions, adjust?: RecordAdjuster): PrepareOutcome {
  let source: HashingFileSource | undefined;
  try {
    source = hashingFileSource(path);
    const parsed = parseEcg(source, options);
    const record = adjust ? adjust(parsed, path) : parsed;
    return { ok: true, path, filesRead: [...source.filesRead], prepared: toPreparedRecord(record, source.fileHashes()) };
  } catch (error) {
    return { ok: false, path, filesRead: source ? [...source.filesRead] : [path], error: describeImportError(error) };
  }
}
