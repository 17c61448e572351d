/**
 * Assembles what the reading room shows for a record's measurements: ours (computed, or edited by a
 * named reader) with each value's provenance, the device's kept apart, the history of edits, and
 * our classical statements re-judged from the values as they now stand.
 */
import type Database from 'better-sqlite3';
import type {
  BeatFiducialEdit,
  BeatFiducials,
  DeviceMeasurement,
  FiducialName,
  GlobalValueName,
  ProvenancedFiducial,
  ProvenancedValue,
  RecordMeasurements,
} from '../../../shared/contract/measurements.ts';
import type { PatientDemographics } from '../../../shared/ecg/record.ts';
import { classicalStatements } from '../../../shared/measurements/statements.ts';
import type { Measurements, QtcFormula } from '../../../shared/measurements/types.ts';
import { computedBeatFiducials } from './measurement-edits.ts';
import { MEDIAN_BEAT, readEdits, readFiducialRows, readMedianBeatLeads, readStoredSet, readValueRows } from './measurement-store.ts';

function provenancedValues(db: Database.Database, recordId: number): Partial<Record<GlobalValueName, ProvenancedValue>> {
  const rows = readValueRows(db, recordId);
  const values: Partial<Record<GlobalValueName, ProvenancedValue>> = {};
  for (const row of rows.filter((r) => r.provenance === 'computed')) {
    values[row.name] = { value: row.value, unit: row.unit, provenance: 'computed' };
  }
  for (const row of rows.filter((r) => r.provenance === 'edited')) {
    values[row.name] = {
      value: row.value,
      unit: row.unit,
      provenance: 'edited',
      reader: row.reader ?? undefined,
      editedAt: row.edited_at ?? undefined,
      ...(values[row.name] ? { computedValue: values[row.name]?.value } : {}),
    };
  }
  return values;
}

function deviceMeasurements(db: Database.Database, recordId: number): DeviceMeasurement[] {
  const rows = db
    .prepare('SELECT name, value, unit, lead, source_label FROM source_measurements WHERE record_id = ? ORDER BY ordinal')
    .all(recordId) as { name: string; value: number; unit: string; lead: string | null; source_label: string | null }[];
  return rows.map((r) => ({
    name: r.name,
    value: r.value,
    unit: r.unit,
    ...(r.lead !== null ? { lead: r.lead } : {}),
    ...(r.source_label !== null ? { sourceLabel: r.source_label } : {}),
    provenance: 'device',
  }));
}

/** Our values as they stand put back into the engine's shape, so its statement rules judge them. */
function withCurrentValues(result: Omit<Measurements, 'medianBeat'>, values: Partial<Record<GlobalValueName, ProvenancedValue>>): Measurements {
  const v = (name: GlobalValueName) => values[name]?.value;
  const qtcMs: Measurements['qtcMs'] = {};
  for (const formula of ['bazett', 'fridericia', 'framingham', 'hodges'] as const) {
    const value = v(`qtcMs.${formula}`);
    if (value !== undefined) qtcMs[formula] = value;
  }
  return { ...result, prMs: v('prMs'), pDurationMs: v('pDurationMs'), qrsMs: v('qrsMs'), qtMs: v('qtMs'), qtcMs };
}

export function readRecordMeasurements(db: Database.Database, recordId: number, qtcFormula: QtcFormula): RecordMeasurements | undefined {
  const set = readStoredSet(db, recordId);
  if (!set) return undefined;
  const { result } = set;
  const values = provenancedValues(db, recordId);

  const fiducials: Partial<Record<FiducialName, ProvenancedFiducial>> = {};
  const editedBeats = new Map<number, Partial<Record<FiducialName, { timeS: number; edit: Omit<BeatFiducialEdit, 'computedTimeS'> }>>>();
  const rows = readFiducialRows(db, recordId);
  for (const row of rows) {
    if (row.beat === MEDIAN_BEAT && row.provenance === 'computed') fiducials[row.name] = { timeS: row.time_s, provenance: 'computed' };
  }
  for (const row of rows) {
    if (row.provenance !== 'edited') continue;
    if (row.beat !== MEDIAN_BEAT) {
      const edit = { byHand: row.by_hand === 1, reader: row.reader ?? '', editedAt: row.edited_at ?? '' };
      editedBeats.set(row.beat, { ...editedBeats.get(row.beat), [row.name]: { timeS: row.time_s, edit } });
      continue;
    }
    const computedTimeS = fiducials[row.name]?.timeS;
    fiducials[row.name] = {
      timeS: row.time_s,
      provenance: 'edited',
      reader: row.reader ?? undefined,
      editedAt: row.edited_at ?? undefined,
      ...(computedTimeS !== undefined ? { computedTimeS } : {}),
    };
  }
  const beats: BeatFiducials[] = result.beats.map((beat, index) => {
    const fiducials = computedBeatFiducials(beat);
    const edits: BeatFiducials['edits'] = {};
    for (const [name, moved] of Object.entries(editedBeats.get(index) ?? {}) as [FiducialName, { timeS: number; edit: BeatFiducialEdit }][]) {
      const computedTimeS = fiducials[name];
      edits[name] = { ...moved.edit, ...(computedTimeS !== undefined ? { computedTimeS } : {}) };
      fiducials[name] = moved.timeS;
    }
    return { rPeakS: beat.rPeakS, type: beat.type, fiducials, edited: Object.keys(edits).length > 0, edits };
  });

  const recordRow = db.prepare('SELECT patient_json FROM records WHERE id = ?').get(recordId) as { patient_json: string };
  const patient = JSON.parse(recordRow.patient_json) as PatientDemographics;
  const medianLeads = result.medianBeat ? readMedianBeatLeads(db, recordId) : undefined;
  return {
    recordId,
    engineVersion: set.engineVersion,
    computedAt: set.computedAt,
    sampleRateHz: set.sampleRateHz,
    values,
    ...(result.rr.meanMs !== undefined ? { rrMeanMs: result.rr.meanMs } : {}),
    ...(result.medianBeat && medianLeads
      ? {
          medianBeat: {
            sampleRateHz: result.medianBeat.sampleRateHz,
            rPeakS: result.medianBeat.rPeakS,
            beatCount: result.medianBeat.beatCount,
            leads: medianLeads,
          },
        }
      : {}),
    fiducials,
    beats,
    rr: result.rr,
    leads: result.leads,
    statements: classicalStatements(withCurrentValues(result, values), { ageYears: patient.ageYears, sex: patient.sex }, qtcFormula),
    quality: result.quality,
    absent: result.absent,
    device: deviceMeasurements(db, recordId),
    edits: readEdits(db, recordId),
  };
}
