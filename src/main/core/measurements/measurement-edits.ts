/**
 * A named reader's changes to a record's measurements: moving a fiducial of the median beat (every
 * beat's follows), moving one beat's fiducial by hand on the rhythm strip, or reverting to what we
 * computed. Each change, with the intervals it moves, is written in one
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
  type EditBeatFiducialArgs,
  type EditFiducialArgs,
  type FiducialName,
  type FiducialTimesS,
  type GlobalValueName,
  type IntervalValues,
  type RevertMeasurementsArgs,
} from '../../../shared/contract/measurements.ts';
import { appendAudit } from '../db/audit-log.ts';
import {
  MEDIAN_BEAT,
  readFiducialRows,
  readMedianBeatLeads,
  readStoredSet,
  readValueRows,
  type StoredResult,
  type StoredSet,
} from './measurement-store.ts';

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

type Beat = StoredResult['beats'][number];

/** A beat's fiducials as we computed them. */
export function computedBeatFiducials(beat: Beat): FiducialTimesS {
  const times: FiducialTimesS = {};
  for (const name of FIDUCIAL_NAMES) {
    const timeS = beat[`${name}S`];
    if (timeS !== undefined) times[name] = timeS;
  }
  return times;
}

/** One beat's fiducials as they stand: ours, moved with the median beat's edit, or placed by hand. */
function currentBeatFiducials(db: Database.Database, recordId: number, beat: Beat, beatIndex: number): FiducialTimesS {
  const times = computedBeatFiducials(beat);
  for (const row of readFiducialRows(db, recordId)) {
    if (row.beat === beatIndex && row.provenance === 'edited') times[row.name] = row.time_s;
  }
  return times;
}

/** The fiducials the reader placed by hand, by beat index. */
function handPlacedFiducials(db: Database.Database, recordId: number): Map<number, FiducialTimesS> {
  const byBeat = new Map<number, FiducialTimesS>();
  for (const row of readFiducialRows(db, recordId)) {
    if (row.by_hand === 1) byBeat.set(row.beat, { ...byBeat.get(row.beat), [row.name]: row.time_s });
  }
  return byBeat;
}

function recordDurationS(db: Database.Database, recordId: number): number {
  return (db.prepare('SELECT duration_s FROM records WHERE id = ?').get(recordId) as { duration_s: number }).duration_s;
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
 * median beat's (except those placed by hand), and every interval that depends on an edited fiducial
 * becomes 'edited'.
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

  db.prepare("DELETE FROM measurement_fiducials WHERE record_id = ? AND provenance = 'edited' AND by_hand = 0").run(recordId);
  const insertFiducial = db.prepare(
    "INSERT INTO measurement_fiducials (record_id, beat, name, time_s, provenance, reader, edited_at) VALUES (?, ?, ?, ?, 'edited', ?, ?)"
  );
  const durationS = recordDurationS(db, recordId);
  const medianRPeakS = result.medianBeat?.rPeakS ?? 0;
  for (const name of FIDUCIAL_NAMES) {
    const timeS = edited[name];
    if (timeS !== undefined) insertFiducial.run(recordId, MEDIAN_BEAT, name, timeS, reader, at);
  }
  const handPlaced = handPlacedFiducials(db, recordId);
  result.beats.forEach((beat, index) => {
    if (beat.type === 'ectopic') return;
    const byHand = handPlaced.get(index) ?? {};
    const followed: FiducialTimesS = {};
    for (const name of FIDUCIAL_NAMES) {
      const timeS = edited[name];
      // A median-beat edit never moves a beat's fiducial the reader placed by hand: the hand edit stays.
      if (timeS === undefined || byHand[name] !== undefined) continue;
      // Each beat of the median beat's morphology moves by the reader's change to the median beat,
      // keeping its own delineation; a beat without its own fiducial takes the median beat's.
      const ownS = beat[`${name}S`];
      const computedS = computed[name];
      const beatTimeS = ownS !== undefined && computedS !== undefined ? ownS + timeS - computedS : beat.rPeakS + timeS - medianRPeakS;
      if (beatTimeS >= 0 && beatTimeS < durationS) followed[name] = beatTimeS;
    }
    if (handPlaced.has(index)) {
      const problem = fiducialOrderProblem({ ...computedBeatFiducials(beat), ...followed, ...byHand });
      if (problem) throw new MeasurementEditError(`beat ${index + 1} has fiducials placed by hand: ${problem}; revert that beat's edits first`);
    }
    for (const [name, timeS] of Object.entries(followed)) insertFiducial.run(recordId, index, name, timeS, reader, at);
  });

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

/** A beat's intervals the audit records when one of its fiducials moves (its QTc follows its QT). */
const AUDITED_BEAT_INTERVALS = ['prMs', 'pDurationMs', 'qrsMs', 'qtMs'] as const;

/**
 * Moves one beat's fiducial to timeS (seconds from the record start, snapped to a sample), by hand on
 * the rhythm strip; a later median-beat edit leaves it there. Returns what changed.
 */
export function editBeatFiducial(db: Database.Database, edit: EditBeatFiducialArgs, reader: string, at = new Date().toISOString()): Change[] {
  return db.transaction(() => {
    const set = requireSet(db, edit.recordId);
    const { beats } = set.result;
    const { beatIndex } = edit;
    const beat = beats[beatIndex];
    if (!beat) {
      const range = beats.length > 0 ? ` (0–${beats.length - 1})` : '';
      throw new MeasurementEditError(`beatIndex ${beatIndex} is out of range: record ${edit.recordId} has ${beats.length} beats${range}`);
    }
    if (beat.type === 'ectopic') {
      throw new MeasurementEditError(`beatIndex ${beatIndex}: beat ${beatIndex + 1} is ectopic; only beats of the dominant morphology carry fiducials`);
    }
    const timeS = Math.round(edit.timeS * set.sampleRateHz) / set.sampleRateHz;
    const durationS = recordDurationS(db, edit.recordId);
    if (timeS >= durationS) throw new MeasurementEditError(`timeS ${edit.timeS} s lies past the end of the record (${durationS.toFixed(3)} s)`);
    // Past a neighbour's R peak a fiducial would belong to that beat.
    const previousRPeakS = beats[beatIndex - 1]?.rPeakS;
    const nextRPeakS = beats[beatIndex + 1]?.rPeakS;
    if ((previousRPeakS !== undefined && timeS <= previousRPeakS) || (nextRPeakS !== undefined && timeS >= nextRPeakS)) {
      const from = previousRPeakS?.toFixed(3) ?? 'the start';
      const to = nextRPeakS?.toFixed(3) ?? 'the end';
      throw new MeasurementEditError(`timeS ${timeS.toFixed(3)} s lies outside beat ${beatIndex + 1}: it must stay between the R peaks at ${from} and ${to} s`);
    }
    const before = currentBeatFiducials(db, edit.recordId, beat, beatIndex);
    const oldTimeS = before[edit.fiducial];
    if (oldTimeS === timeS) return [];
    const after = { ...before, [edit.fiducial]: timeS };
    const problem = fiducialOrderProblem(after);
    if (problem) throw new MeasurementEditError(`beat ${beatIndex + 1}: ${problem}`);

    db.prepare("DELETE FROM measurement_fiducials WHERE record_id = ? AND beat = ? AND name = ? AND provenance = 'edited'").run(
      edit.recordId,
      beatIndex,
      edit.fiducial
    );
    db.prepare(
      "INSERT INTO measurement_fiducials (record_id, beat, name, time_s, provenance, reader, edited_at, by_hand) VALUES (?, ?, ?, ?, 'edited', ?, ?, 1)"
    ).run(edit.recordId, beatIndex, edit.fiducial, timeS, reader, at);
    const changes: Change[] = [{ target: `beat.${beatIndex}.${edit.fiducial}`, oldValue: oldTimeS ?? null, newValue: timeS }];
    const intervalsBefore = intervalsFromFiducials(before, undefined);
    const intervalsAfter = intervalsFromFiducials(after, undefined);
    for (const name of AUDITED_BEAT_INTERVALS) {
      if (intervalsBefore[name] !== intervalsAfter[name]) {
        changes.push({ target: `beat.${beatIndex}.${name}`, oldValue: intervalsBefore[name] ?? null, newValue: intervalsAfter[name] ?? null });
      }
    }
    recordChanges(db, edit.recordId, 'edit', changes, reader, at, edit.reason);
    return changes;
  }).immediate();
}

/**
 * Restores what we computed and the intervals that follow: the median beat's fiducial (or all of its
 * fiducials), one beat's hand-placed fiducials, or every edit of the record. Returns what changed.
 */
export function revertMeasurements(db: Database.Database, revert: RevertMeasurementsArgs, reader: string, at = new Date().toISOString()): Change[] {
  return db.transaction(() => {
    const set = requireSet(db, revert.recordId);
    const { computed, edited } = currentMedianFiducials(db, revert.recordId);
    const wholeRecord = revert.fiducial === undefined && revert.beatIndex === undefined;
    const medianReverted = revert.beatIndex !== undefined ? [] : revert.fiducial ? [revert.fiducial] : FIDUCIAL_NAMES.filter((name) => edited[name] !== undefined);
    const nextEdited = { ...edited };
    const changes: Change[] = [];
    for (const name of medianReverted) {
      if (edited[name] === undefined) continue;
      delete nextEdited[name];
      changes.push({ target: `fiducial.${name}`, oldValue: edited[name] ?? null, newValue: computed[name] ?? null });
    }
    const handReverted = readFiducialRows(db, revert.recordId).filter(
      (row) =>
        row.by_hand === 1 &&
        (wholeRecord || (row.beat === revert.beatIndex && (revert.fiducial === undefined || row.name === revert.fiducial)))
    );
    if (changes.length === 0 && handReverted.length === 0) return [];
    const problem = fiducialOrderProblem({ ...computed, ...nextEdited });
    if (problem) throw new MeasurementEditError(`cannot revert: ${problem}; revert the other edits too`);
    const removeHandPlaced = db.prepare('DELETE FROM measurement_fiducials WHERE record_id = ? AND beat = ? AND name = ? AND by_hand = 1');
    for (const row of handReverted) removeHandPlaced.run(revert.recordId, row.beat, row.name);
    const intervalChanges = applyEditedFiducials(db, set, nextEdited, computed, reader, at);
    for (const row of handReverted) {
      const nowS = currentBeatFiducials(db, revert.recordId, set.result.beats[row.beat], row.beat)[row.name];
      changes.push({ target: `beat.${row.beat}.${row.name}`, oldValue: row.time_s, newValue: nowS ?? null });
    }
    changes.push(...intervalChanges);
    recordChanges(db, revert.recordId, 'revert', changes, reader, at, revert.reason);
    return changes;
  }).immediate();
}
