/** Batch import of files and folders, with progress and cancel. */
import { z } from 'zod';

export const importStartSchema = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
});

export interface ImportFailure {
  file: string;
  error: string;
}

export interface ImportProgress {
  batchId: number;
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  currentFile: string | null;
  finished: boolean;
  cancelled: boolean;
}

export interface ImportSummary {
  batchId: number;
  imported: number;
  duplicates: number;
  failed: ImportFailure[];
  cancelled: boolean;
}
