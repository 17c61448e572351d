/** A file source that hashes every file a parser reads, so the record's identity covers its companions. */
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileSource, type FileSource } from '../formats/file-source.ts';
import type { SourceFileHash } from '../study/prepared-record.ts';

export interface HashingFileSource extends FileSource {
  /** Hashes of the files read so far, in the order read (primary first). */
  fileHashes(): SourceFileHash[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Each file is read from disk and hashed once, however often the parser asks for it. */
export function hashingFileSource(path: string): HashingFileSource {
  const inner = fileSource(path);
  const hashes = new Map<string, SourceFileHash>([[path, { path, sha256: sha256(inner.bytes), sizeBytes: inner.bytes.length }]]);
  const siblings = new Map<string, Uint8Array | undefined>();
  return {
    fileName: inner.fileName,
    path: inner.path,
    bytes: inner.bytes,
    filesRead: inner.filesRead,
    readSibling(siblingName: string): Uint8Array | undefined {
      if (siblings.has(siblingName)) return siblings.get(siblingName);
      const bytes = inner.readSibling(siblingName);
      siblings.set(siblingName, bytes);
      const siblingPath = join(dirname(path), siblingName);
      if (bytes && !hashes.has(siblingPath)) hashes.set(siblingPath, { path: siblingPath, sha256: sha256(bytes), sizeBytes: bytes.length });
      return bytes;
    },
    fileHashes: () => inner.filesRead.map((file) => hashes.get(file)).filter((h): h is SourceFileHash => h !== undefined),
  };
}

/** The record's identity: sha256 over the hashes of its files, primary first. */
export function combinedSha256(files: readonly SourceFileHash[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.sha256);
  return hash.digest('hex');
}
