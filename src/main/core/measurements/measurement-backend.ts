/**
 * The measurement operations the API needs, asynchronous like the StudyBackend they join: served in
 * the database worker (remoteMeasurementBackend forwards there) or, for tests and tools, in this thread.
 */
import type Database from 'better-sqlite3';
import type { EditBeatFiducialArgs, EditFiducialArgs, RecordMeasurements, RevertMeasurementsArgs } from '../../../shared/contract/measurements.ts';
import type { QtcFormula } from '../../../shared/measurements/types.ts';
import { measureBatchStep, type BatchMeasuringStep } from './batch-measurements.ts';
import { editRecordBeatFiducial, editRecordFiducial, recordMeasurements, revertRecordMeasurements } from './measurement-service.ts';

export interface MeasurementBackend {
  /** Undefined when there is no such record. */
  recordMeasurements(recordId: number, qtcFormula: QtcFormula): Promise<RecordMeasurements | undefined>;
  editFiducial(edit: EditFiducialArgs, reader: string, qtcFormula: QtcFormula): Promise<RecordMeasurements | undefined>;
  editBeatFiducial(edit: EditBeatFiducialArgs, reader: string, qtcFormula: QtcFormula): Promise<RecordMeasurements | undefined>;
  revertMeasurements(revert: RevertMeasurementsArgs, reader: string, qtcFormula: QtcFormula): Promise<RecordMeasurements | undefined>;
  /** One short step of measuring an import batch ahead of opening (batch-measurements.ts). */
  measureBatchStep(batchId: number, afterRecordId: number): Promise<BatchMeasuringStep>;
}

export type MeasurementMethod = keyof MeasurementBackend;

export function localMeasurementBackend(db: Database.Database): MeasurementBackend {
  return {
    recordMeasurements: async (recordId, qtcFormula) => recordMeasurements(db, recordId, qtcFormula),
    editFiducial: async (edit, reader, qtcFormula) => editRecordFiducial(db, edit, reader, qtcFormula),
    editBeatFiducial: async (edit, reader, qtcFormula) => editRecordBeatFiducial(db, edit, reader, qtcFormula),
    revertMeasurements: async (revert, reader, qtcFormula) => revertRecordMeasurements(db, revert, reader, qtcFormula),
    measureBatchStep: async (batchId, afterRecordId) => measureBatchStep(db, batchId, afterRecordId),
  };
}

/** Forwards each operation as one message to wherever the study lives (db-client.ts's call). */
export function remoteMeasurementBackend(call: (method: MeasurementMethod, ...args: unknown[]) => Promise<unknown>): MeasurementBackend {
  return {
    recordMeasurements: (recordId, qtcFormula) => call('recordMeasurements', recordId, qtcFormula) as Promise<RecordMeasurements | undefined>,
    editFiducial: (edit, reader, qtcFormula) => call('editFiducial', edit, reader, qtcFormula) as Promise<RecordMeasurements | undefined>,
    editBeatFiducial: (edit, reader, qtcFormula) => call('editBeatFiducial', edit, reader, qtcFormula) as Promise<RecordMeasurements | undefined>,
    revertMeasurements: (revert, reader, qtcFormula) =>
      call('revertMeasurements', revert, reader, qtcFormula) as Promise<RecordMeasurements | undefined>,
    measureBatchStep: (batchId, afterRecordId) => call('measureBatchStep', batchId, afterRecordId) as Promise<BatchMeasuringStep>,
  };
}
