/**
 * Our measurements of stored records: measured with the engine the first time a record is asked
 * for (inside the database worker, so never on main's event loop), then read from the study, and
 * changed only by a named reader's fiducial edits (on the median beat or one beat) and reverts.
 */
import type Database from 'better-sqlite3';
import type { EditBeatFiducialArgs, EditFiducialArgs, RecordMeasurements, RevertMeasurementsArgs } from '../../../shared/contract/measurements.ts';
import { measureRecord } from '../../../shared/measurements/measure-record.ts';
import type { QtcFormula } from '../../../shared/measurements/types.ts';
import { readRecordView } from '../study/record-reader.ts';
import { editBeatFiducial, editFiducial, revertMeasurements } from './measurement-edits.ts';
import { hasStoredSet, storeComputed } from './measurement-store.ts';
import { readRecordMeasurements } from './record-measurements-view.ts';

/** Names the engine whose numbers a stored set holds; raise it when measureRecord's results change. */
export const MEASUREMENT_ENGINE_VERSION = 'ecg-desk-measure 1';

/**
 * Measures a stored record unless it was measured already; false when there is no such record.
 * The QTc formula only picks the statements stored with the result, and those are re-judged on reading.
 */
export function ensureMeasured(db: Database.Database, recordId: number, qtcFormula?: QtcFormula): boolean {
  if (hasStoredSet(db, recordId)) return true;
  const view = readRecordView(db, recordId);
  if (!view) return false;
  const { ageYears, sex } = view.record.patient;
  const measurements = measureRecord(view.record.rhythm, { ageYears, sex }, { qtcFormula });
  storeComputed(db, recordId, measurements, MEASUREMENT_ENGINE_VERSION, new Date().toISOString());
  return true;
}

export function recordMeasurements(db: Database.Database, recordId: number, qtcFormula: QtcFormula): RecordMeasurements | undefined {
  if (!ensureMeasured(db, recordId, qtcFormula)) return undefined;
  return readRecordMeasurements(db, recordId, qtcFormula);
}

/** Measures the record if it never was, applies the reader's change, and reads the result back. */
function changeMeasurements(db: Database.Database, recordId: number, qtcFormula: QtcFormula, change: () => void): RecordMeasurements | undefined {
  if (!ensureMeasured(db, recordId, qtcFormula)) return undefined;
  change();
  return readRecordMeasurements(db, recordId, qtcFormula);
}

export function editRecordFiducial(db: Database.Database, edit: EditFiducialArgs, reader: string, qtcFormula: QtcFormula): RecordMeasurements | undefined {
  return changeMeasurements(db, edit.recordId, qtcFormula, () => editFiducial(db, edit, reader));
}

export function editRecordBeatFiducial(db: Database.Database, edit: EditBeatFiducialArgs, reader: string, qtcFormula: QtcFormula): RecordMeasurements | undefined {
  return changeMeasurements(db, edit.recordId, qtcFormula, () => editBeatFiducial(db, edit, reader));
}

export function revertRecordMeasurements(db: Database.Database, revert: RevertMeasurementsArgs, reader: string, qtcFormula: QtcFormula): RecordMeasurements | undefined {
  return changeMeasurements(db, revert.recordId, qtcFormula, () => revertMeasurements(db, revert, reader));
}
