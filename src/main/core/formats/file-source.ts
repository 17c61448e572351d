/**
 * A ParseSource over the file system, recording every file a parser reads so the importer can hash
 * the whole record and skip its companion files.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EcgParseError, type ParseSource } from './parser.ts';

/** Files larger than this are refused before reading: no ECG format we read needs more. */
export const MAX_ECG_FILE_BYTES = 1024 * 1024 * 1024;

export interface FileSource extends ParseSource {
  path: string;
  /** Absolute paths of every file read, the primary first. */
  readonly filesRead: string[];
}

function readBounded(path: string, fileName: string): Uint8Array {
  const size = statSync(path).size;
  if (size > MAX_ECG_FILE_BYTES) {
    throw new EcgParseError(fileName, `the file is ${(size / 2 ** 30).toFixed(1)} GiB, over the 1 GiB limit for one ECG`);
  }
  return readFileSync(path);
}

export function fileSource(path: string): FileSource {
  const fileName = basename(path);
  const folder = dirname(path);
  const filesRead = [path];
  return {
    fileName,
    path,
    bytes: readBounded(path, fileName),
    filesRead,
    readSibling(siblingName: string): Uint8Array | undefined {
      if (siblingName.includes('/') || siblingName.includes('\\') || siblingName === '..') {
        throw new EcgParseError(fileName, `refers to '${siblingName}' outside its own folder`);
      }
      const siblingPath = join(folder, siblingName);
      try {
        const bytes = readBounded(siblingPath, siblingName);
        if (!filesRead.includes(siblingPath)) filesRead.push(siblingPath);
        return bytes;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
