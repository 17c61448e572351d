/** The worklist columns of a record row, and their mapping to the contract's WorklistRow. */
import type { ReviewStatus, WorklistRow } from '../../../shared/contract/worklist.ts';

export const WORKLIST_COLUMNS_SQL = `r.id, r.patient_source_id, r.patient_name, r.sex, r.age_years, r.acquired_at,
  r.imported_at, r.format, r.source_file, r.sample_rate_hz, r.duration_s, r.lead_count, r.status,
  r.statements_summary, r.ai_risk`;

export interface WorklistDbRow {
  id: number;
  patient_source_id: string | null;
  patient_name: string | null;
  sex: string | null;
  age_years: number | null;
  acquired_at: string | null;
  imported_at: string;
  format: string;
  source_file: string;
  sample_rate_hz: number;
  duration_s: number;
  lead_count: number;
  status: ReviewStatus;
  statements_summary: string;
  ai_risk: number | null;
}

export function toWorklistRow(row: WorklistDbRow): WorklistRow {
  return {
    id: row.id,
    patientId: row.patient_source_id,
    patientName: row.patient_name,
    sex: row.sex,
    ageYears: row.age_years,
    acquiredAt: row.acquired_at,
    importedAt: row.imported_at,
    format: row.format,
    sourceFile: row.source_file,
    sampleRateHz: row.sample_rate_hz,
    durationS: row.duration_s,
    leadCount: row.lead_count,
    status: row.status,
    statementsSummary: row.statements_summary,
    aiRisk: row.ai_risk,
  };
}
