/** The worklist's columns: what each shows, how wide it is, and which the database can sort by. */
import { WORKLIST_SORT_COLUMNS, type WorklistRow } from '../../../shared/contract/worklist.ts';

export type WorklistSortColumn = (typeof WORKLIST_SORT_COLUMNS)[number];

export interface WorklistColumn {
  key: string;
  label: string;
  widthPx: number;
  sortColumn?: WorklistSortColumn;
  text(row: WorklistRow): string;
}

function dateTime(value: string | null): string {
  return value ? value.replace('T', ' ').slice(0, 16) : '—';
}

export const WORKLIST_COLUMNS: readonly WorklistColumn[] = [
  { key: 'status', label: 'Status', widthPx: 90, sortColumn: 'status', text: (r) => r.status },
  { key: 'aiRisk', label: 'AI risk', widthPx: 70, sortColumn: 'aiRisk', text: (r) => (r.aiRisk === null ? '—' : `${Math.round(r.aiRisk * 100)}%`) },
  { key: 'acquiredAt', label: 'Acquired', widthPx: 150, sortColumn: 'acquiredAt', text: (r) => dateTime(r.acquiredAt) },
  { key: 'patientName', label: 'Patient', widthPx: 170, sortColumn: 'patientName', text: (r) => r.patientName ?? '—' },
  { key: 'patientId', label: 'Patient ID', widthPx: 110, sortColumn: 'patientId', text: (r) => r.patientId ?? '—' },
  { key: 'sex', label: 'Sex', widthPx: 40, text: (r) => r.sex ?? '—' },
  { key: 'ageYears', label: 'Age', widthPx: 45, text: (r) => (r.ageYears === null ? '—' : String(r.ageYears)) },
  { key: 'format', label: 'Format', widthPx: 90, sortColumn: 'format', text: (r) => r.format },
  { key: 'durationS', label: 'Duration', widthPx: 80, sortColumn: 'durationS', text: (r) => `${r.durationS.toFixed(1)} s` },
  { key: 'leads', label: 'Leads', widthPx: 50, text: (r) => String(r.leadCount) },
  { key: 'sampleRateHz', label: 'Rate', widthPx: 65, text: (r) => `${r.sampleRateHz} Hz` },
  { key: 'statementsSummary', label: 'Source statements', widthPx: 340, text: (r) => r.statementsSummary },
  { key: 'sourceFile', label: 'File', widthPx: 200, text: (r) => r.sourceFile },
  { key: 'importedAt', label: 'Imported', widthPx: 150, sortColumn: 'importedAt', text: (r) => dateTime(r.importedAt) },
];

export function columnsByKeys(keys: readonly string[]): WorklistColumn[] {
  return keys.flatMap((key) => WORKLIST_COLUMNS.filter((c) => c.key === key));
}
