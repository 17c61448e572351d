/**
 * The study operations the API needs, asynchronous so they can live in the database worker
 * (db-client.ts) or, for tests and tools, in this thread (localStudyBackend).
 */
import type { StudyInfo } from '../../../shared/contract/api.ts';
import type { ImportProgress, ImportSummary } from '../../../shared/contract/import.ts';
import type { RecordView } from '../../../shared/contract/record-view.ts';
import type { RecordAiRisk, ReviewStatus, WorklistPage, WorklistQuery, WorklistRow } from '../../../shared/contract/worklist.ts';
import type { StudyService } from './study-service.ts';
import { localMeasurementBackend, type MeasurementBackend } from '../measurements/measurement-backend.ts';

export interface StudyBackend extends MeasurementBackend {
  info(): Promise<StudyInfo>;
  startImport(paths: string[]): Promise<number>;
  cancelImport(batchId: number): Promise<boolean>;
  importProgress(batchId: number): Promise<(ImportProgress & { summary: ImportSummary | null }) | undefined>;
  worklistPage(query: WorklistQuery): Promise<WorklistPage>;
  aiRisks(ids: number[]): Promise<RecordAiRisk[]>;
  getRecord(id: number): Promise<RecordView | undefined>;
  priors(id: number): Promise<WorklistRow[] | undefined>;
  setStatus(id: number, status: ReviewStatus): Promise<boolean>;
  close(): Promise<void>;
}

export type StudyMethod = Exclude<keyof StudyBackend, 'close'>;

export function localStudyBackend(study: StudyService): StudyBackend {
  return {
    info: async () => study.info(),
    startImport: (paths) => study.startImport(paths),
    cancelImport: async (batchId) => study.cancelImport(batchId),
    importProgress: async (batchId) => study.importProgress(batchId),
    worklistPage: async (query) => study.worklistPage(query),
    aiRisks: async (ids) => study.aiRisks(ids),
    getRecord: async (id) => study.getRecord(id),
    priors: async (id) => study.priors(id),
    setStatus: async (id, status) => study.setStatus(id, status),
    ...localMeasurementBackend(study.db),
    close: async () => study.close(),
  };
}
