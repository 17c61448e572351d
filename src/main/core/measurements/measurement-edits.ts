/**
 * A named reader's changes to a record's measurements: moving a fiducial of the median beat, or
 * reverting to what we computed. Each change, with the intervals it moves, is written in one
 * transaction together with its history rows and an audit-log entry.
 */
import type Database from 'better-sqlite3';
import {
  FIDUCIAL_LABELS,
  FIDUCIAL_NAMES,
  fiducialOrderProblem,
  GLOBAL_VALUE_UNITS,
  INTERVAL_FIDUCIALS,
  intervalsFromFiducials,
  type EditFiducialArgs,
  type FiducialName,
  type FiducialTimesS,
  type GlobalValueName,
  type IntervalValues,
  type RevertMeasurementsArgs,
} from '../../../shared/contract/measurements.ts';
import { appendAudit } from '../db/audit-log.ts';
import { MEDIAN_BEAT, readFiducialRows, readMedianBeatLeads, readStoredSet, readValueRows, type StoredSet } from './measurement-store.ts';

/** A change the reader asked for that cannot be made; the message says why. */
export class MeasurementEditError extends Error {
  override readonly name = 'MeasurementEditError';
}

interface Change {
  target: string;
  oldValue: number | null;
  newValue: number | null;
}

/** The median beat's fiducials as they stand: the reader's where edited, else ours. */
export function currentMedianFiducials(db: Database.Database, recordId: number): { computed: FiducialTimesS; edited: FiducialTimesS } {
  const computed: FiducialTimesS = {};
  const edited: FiducialTimesS = {};
  for (const row of readFiducialRows(db, recordId)) {
    if (row.beat !== MEDIAN_BEAT) continue;
    (row.provenance === 'edited' ? edited : computed)[row.name] = row.time_s;
  }
  return { computed, edited };
}

function currentValues(db: Database.Database, recordId: number): Partial<Record<GlobalValueName, number>> {
  const values: Partial<Record<GlobalValueName, number>> = {};
  for (const row of readValueRows(db, recordId)) {
    if (row.provenance === 'edited' || values[row.name] === undefined) values[row.name] = row.value;
  }
  return values;
}

function requireSet(db: Database.Database, recordId: number): StoredSet {
  const set = readStoredSet(db, recordId);
  if (!set) throw new MeasurementEditError(`record ${recordId} has not been measured`);
  return set;
}

/**
 * Makes the edited fiducials `edited` (the rest ours) take effect: per-beat fiducials follow the
 * median beat's, and every interval that depends on an edited fiducial becomes 'edited'.
 */
function applyEditedFiducials(
  db: Database.Database,
  set: StoredSet,
  edited: FiducialTimesS,
  computed: FiducialTimesS,
  reader: string,
  at: string
): Change[] {
  const { recordId, result } = set;
  const changes: Change[] = [];
  const before = currentValues(db, recordId);

  db.prepare("DELETE FROM measurement_fiducials WHERE record_id = ? AND provenance = 'edited'").run(recordId);
  const insertFiducial = db.prepare(
    "INSERT INTO measurement_fiducials (record_id, beat, name, time_s, provenance, reader, edited_at) VALUES (?, ?, ?, ?, 'edited', ?, ?)"
  );
  const durationS = (db.prepare('SELECT duration_s FROM records WHERE id = ?').get(recordId) as { duration_s: number }).duration_s;
  const medianRPeakS = result.medianBeat?.rPeakS ?? 0;
  for (const name of FIDUCIAL_NAMES) {
    const timeS = edited[name];
    if (timeS === undefined) continue;
    insertFiducial.run(recordId, MEDIAN_BEAT, name, timeS, reader, at);
    // Each beat of the median beat's morphology moves by the reader's change to the median beat,
    // keeping its own delineation; a beat without its own fiducial takes the median beat's.
    const computedS = computed[name];
    result.beats.forEach((beat, index) => {
      if (beat.type === 'ectopic') return;
      const ownS = beat[`${name}S`];
      const beatTimeS = ownS !== undefined && computedS !== undefined ? ownS + timeS - computedS : beat.rPeakS + timeS - medianRPeakS;
      if (beatTimeS >= 0 && beatTimeS < durationS) insertFiducial.run(recordId, index, name, beatTimeS, reader, at);
    });
  }

  const effective = { ...computed, ...edited };
  const intervals = intervalsFromFiducials(effective, result.rr.meanMs);
  const upsert = db.prepare(
    `INSERT INTO measurement_values (record_id, name, value, unit, provenance, reader, edited_at) VALUES (?, ?, ?, ?, 'edited', ?, ?)
     ON CONFLICT (record_id, name, provenance) DO UPDATE SET value = excluded.value, reader = excluded.reader, edited_at = excluded.edited_at`
  );
  const removeEdited = db.prepare("DELETE FROM measurement_values WHERE record_id = ? AND name = ? AND provenance = 'edited'");
  for (const [name, fiducials] of Object.entries(INTERVAL_FIDUCIALS) as [keyof IntervalValues, readonly FiducialName[]][]) {
    const value = intervals[name];
    if (value !== undefined && fiducials.some((f) => edited[f] !== undefined)) {
      if (before[name] !== value) upsert.run(recordId, name, value, GLOBAL_VALUE_UNITS[name], reader, at);
    } else {
      removeEdited.run(recordId, name);
    }
  }
  const after = currentValues(db, recordId);
  for (const name of Object.keys(INTERVAL_FIDUCIALS) as (keyof IntervalValues)[]) {
    if (before[name] !== after[name]) changes.push({ target: name, oldValue: before[name] ?? null, newValue: after[name] ?? null });
  }
  return changes;
}

function recordChanges(
  db: Database.Database,
  recordId: number,
  action: 'edit' | 'revert',
  changes: readonly Change[],
  reader: string,
  at: string,
  reason: string | undefined
): void {
  const insert = db.prepare(
    'INSERT INTO measurement_edits (record_id, at, reader, action, target, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  );
  for (const c of changes) insert.run(recordId, at, reader, action, c.target, c.oldValue, c.newValue, reason ?? null);
  appendAudit(
    db,
    {
      actor: reader,
      action: `measurement.${action}`,
      entity: 'record',
      entityId: recordId,
      details: { changes: changes.map((c) => ({ target: c.target, from: c.oldValue, to: c.newValue })), ...(reason ? { reason } : {}) },
    },
    at
  );
}

/** Moves one fiducial of the median beat to timeS (snapped to a sample); returns what changed. */
export function editFiducial(db: Database.Database, edit: EditFiducialArgs, reader: string, at = new Date().toISOString()): Change[] {
  return db.transaction(() => {
    const set = requireSet(db, edit.recordId);
    const leads = readMedianBeatLeads(db, edit.recordId);
    if (!leads || leads.length === 0) {
      const why = set.result.absent.medianBeat ?? 'no median beat could be formed';
      throw new MeasurementEditError(`record ${edit.recordId}: no median beat to place fiducials on (${why})`);
    }
    const fs = set.sampleRateHz;
    const lastS = (leads[0].samplesUv.length - 1) / fs;
    const timeS = Math.round(edit.timeS * fs) / fs;
    if (timeS > lastS) {
      throw new MeasurementEditError(`${FIDUCIAL_LABELS[edit.fiducial]} at ${edit.timeS} s lies past the end of the median beat (${lastS.toFixed(3)} s)`);
    }
    const { computed, edited } = currentMedianFiducials(db, edit.recordId);
    const oldTimeS = edited[edit.fiducial] ?? computed[edit.fiducial];
    if (oldTimeS === timeS) return [];
    const nextEdited = { ...edited, [edit.fiducial]: timeS };
    const problem = fiducialOrderProblem({ ...computed, ...nextEdited });
    if (problem) throw new MeasurementEditError(problem);
    const changes = [
      { target: `fiducial.${edit.fiducial}`, oldValue: oldTimeS ?? null, newValue: timeS },
      ...applyEditedFiducials(db, set, nextEdited, computed, reader, at),
    ];
    recordChanges(db, edit.recordId, 'edit', changes, reader, at, edit.reason);
    return changes;
  }).immediate();
}

/** Restores our computed fiducial (or all of them) and the intervals that follow; returns what changed. */
export function revertMeasurements(db: Database.Database, revert: RevertMeasurementsArgs, reader: string, at = new Date().toISOString()): Change[] {
  return db.transaction(() => {
    const set = requireSet(db, revert.recordId);
    const { computed, edited } = currentMedianFiducials(db, revert.recordId);
    const reverted = revert.fiducial ? [revert.fiducial] : FIDUCIAL_NAMES.filter((name) => edited[name] !== undefined);
    const nextEdited = { ...edited };
    const changes: Change[] = [];
    for (const name of reverted) {
      if (edited[name] === undefined) continue;
      delete nextEdited[name];
      changes.push({ target: `fiducial.${name}`, oldValue: edited[name] ?? null, newValue: computed[name] ?? null });
    }
    if (changes.length === 0) return [];
    const problem = fiducialOrderProblem({ ...computed, ...nextEdited });
    if (problem) throw new MeasurementEditError(`cannot revert: ${problem}; revert the other edits too`);
    changes.push(...applyEditedFiducials(db, set, nextEdited, computed, reader, at));
    recordChanges(db, revert.recordId, 'revert', changes, reader, at, revert.reason);
    return changes;
  }).immediate();
}
