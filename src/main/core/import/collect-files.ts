/** Expands the paths a user chose (files and folders, recursively) into a sorted list of files. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CollectedFiles {
  files: string[];
  /** Paths that do not exist or cannot be read, with the reason. */
  missing: { file: string; error: string }[];
}

function walk(folder: string, out: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    // Hidden files and folders (.DS_Store, .git) are never ECGs.
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

export function collectFiles(paths: readonly string[]): CollectedFiles {
  const found: string[] = [];
  const missing: CollectedFiles['missing'] = [];
  for (const given of paths) {
    const path = resolve(given);
    try {
      if (statSync(path).isDirectory()) walk(path, found);
      else found.push(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      missing.push({ file: path, error: code === 'ENOENT' ? 'no such file or folder' : (error as Error).message });
    }
  }
  return { files: [...new Set(found)].sort(), missing };
}
