/**
 * The one contract between the renderer and main: every call's name, argument schema and result type.
 * Main validates arguments with these schemas; errors come back as data ({ ok: false, error }).
 * The preload exposes exactly these calls; the e2e test host serves the same ones over HTTP.
 */
import { z } from 'zod';
import { importStartSchema, type ImportProgress, type ImportSummary } from './import.ts';
import {
  aiRisksQuerySchema,
  reviewStatusSchema,
  worklistQuerySchema,
  type RecordAiRisk,
  type WorklistPage,
  type WorklistRow,
} from './worklist.ts';
import type { RecordView } from './record-view.ts';
import { AI_API } from './ai.ts';
import { MEASUREMENT_API, readerNameSchema } from './measurements.ts';

const recordIdSchema = z.object({ id: z.number().int().positive() });

export const settingsSchema = z.object({
  /** Screen calibration: CSS pixels per millimetre on the glass, so 25 mm/s is 25 mm. */
  pxPerMm: z.number().min(1).max(40),
  worklistColumns: z.array(z.string().max(40)).max(30),
  worklistQuery: worklistQuerySchema.partial().optional(),
  qtcFormula: z.enum(['bazett', 'fridericia', 'framingham', 'hodges']),
  /** Who edits measurements at this workstation; every edit is recorded under this name. */
  readerName: readerNameSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface StudyInfo {
  databasePath: string;
  recordCount: number;
  unreadCount: number;
}

/** Each call: argument schema (validated in main) and, as a type only, its result. */
export const API = {
  'study.info': { args: z.object({}), result: null as unknown as StudyInfo },
  'import.start': { args: importStartSchema, result: null as unknown as { batchId: number } },
  'import.cancel': { args: z.object({ batchId: z.number().int() }), result: null as unknown as { cancelled: boolean } },
  'import.progress': {
    args: z.object({ batchId: z.number().int() }),
    result: null as unknown as ImportProgress & { summary: ImportSummary | null },
  },
  'worklist.page': { args: worklistQuerySchema, result: null as unknown as WorklistPage },
  'worklist.aiRisks': { args: aiRisksQuerySchema, result: null as unknown as RecordAiRisk[] },
  'record.get': { args: recordIdSchema, result: null as unknown as RecordView },
  'record.priors': { args: recordIdSchema, result: null as unknown as WorklistRow[] },
  'record.setStatus': {
    args: z.object({ id: z.number().int().positive(), status: reviewStatusSchema }),
    result: null as unknown as { id: number; status: z.infer<typeof reviewStatusSchema> },
  },
  'settings.get': { args: z.object({}), result: null as unknown as Settings },
  'settings.set': { args: settingsSchema.partial(), result: null as unknown as Settings },
  ...AI_API,
  ...MEASUREMENT_API,
} as const;

export type ApiName = keyof typeof API;
export type ApiArgs<N extends ApiName> = z.input<(typeof API)[N]['args']>;
export type ApiResult<N extends ApiName> = (typeof API)[N]['result'];

/** Errors cross the boundary as data, never as thrown exceptions. */
export type ApiResponse<N extends ApiName> =
  | { ok: true; value: ApiResult<N> }
  | { ok: false; error: { code: 'invalid-argument' | 'not-found' | 'failed'; message: string } };

/** What the preload puts on window.api, and what the e2e client implements over HTTP. */
export interface EcgDeskApi {
  call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>>;
  /** Electron only (absent over HTTP): the OS dialog to pick files or a folder to import; [] when cancelled. */
  chooseImportPaths?(kind: 'files' | 'folder'): Promise<string[]>;
  /** Electron only: the file-system path of a file dropped on the window. */
  pathForFile?(file: File): string;
}
