/** Worklist rows, their sorting and filtering: what the reading room asks the study database for. */
import { z } from 'zod';

export const REVIEW_STATUSES = ['unread', 'in-review', 'confirmed', 'signed'] as const;
export const reviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const WORKLIST_SORT_COLUMNS = [
  'acquiredAt',
  'importedAt',
  'patientName',
  'patientId',
  'status',
  'format',
  'durationS',
  'aiRisk',
] as const;
export const worklistSortColumnSchema = z.enum(WORKLIST_SORT_COLUMNS);

export const worklistQuerySchema = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
  sort: z
    .object({ column: worklistSortColumnSchema, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'acquiredAt', direction: 'desc' }),
  filter: z
    .object({
      status: reviewStatusSchema.optional(),
      /** Matches patient name or id, case-insensitive prefix. */
      patient: z.string().max(200).optional(),
      /** Matches any source statement text, case-insensitive substring. */
      statement: z.string().max(200).optional(),
      /** ISO dates, inclusive. */
      acquiredFrom: z.string().max(40).optional(),
      acquiredTo: z.string().max(40).optional(),
      format: z.string().max(40).optional(),
    })
    .default({}),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

export interface WorklistRow {
  id: number;
  patientId: string | null;
  patientName: string | null;
  sex: string | null;
  ageYears: number | null;
  acquiredAt: string | null;
  importedAt: string;
  format: string;
  sourceFile: string;
  sampleRateHz: number;
  durationS: number;
  leadCount: number;
  status: ReviewStatus;
  /** First source statements, joined, for the list. */
  statementsSummary: string;
  /** Highest AI risk (probability 0–1) when a model has read the record; null otherwise. */
  aiRisk: number | null;
}

/** Most record ids one 'worklist.aiRisks' call takes: a few pages of rows on screen. */
export const MAX_AI_RISK_IDS = 500;

/** The records whose current AI risk the worklist asks for (rows on screen, by id: their places do not matter). */
export const aiRisksQuerySchema = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(MAX_AI_RISK_IDS),
});

/** A record's AI risk as the study holds it now; records that no longer exist are left out of the answer. */
export interface RecordAiRisk {
  id: number;
  aiRisk: number | null;
}

export interface WorklistPage {
  /** Records matching the filter; with totalIsLowerBound, the true count is at least this. */
  total: number;
  /** True when counting every match would be too slow (a common statement text): show "total or more". */
  totalIsLowerBound?: boolean;
  unread: number;
  rows: WorklistRow[];
}
