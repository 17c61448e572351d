/**
 * Rows of migrations 3 and 7: stores the engine's result for a record once, and reads back what is
 * stored (the computed result, the current values and fiducials with their provenance, the edits).
 */
import type Database from 'better-sqlite3';
import {
  FIDUCIAL_NAMES,
  GLOBAL_VALUE_UNITS,
  type FiducialName,
  type GlobalValueName,
  type MeasurementEdit,
} from '../../../shared/contract/measurements.ts';
import type { Measurements } from '../../../shared/measurements/types.ts';
import { decodeWaveformSet, encodeWaveformSet } from '../storage/waveform-codec.ts';

/** The engine's result as stored: everything but the median-beat samples. */
export type StoredResult = Omit<Measurements, 'medianBeat'> & { medianBeat?: Omit<NonNullable<Measurements['medianBeat']>, 'leads'> };

export const MEDIAN_BEAT = -1;

export interface StoredSet {
  recordId: number;
  engineVersion: string;
  computedAt: string;
  sampleRateHz: number;
  result: StoredResult;
}

export interface ValueRow {
  name: GlobalValueName;
  value: number;
  unit: string;
  provenance: 'computed' | 'edited';
  reader: string | null;
  edited_at: string | null;
}

export interface FiducialRow {
  beat: number;
  name: FiducialName;
  time_s: number;
  provenance: 'computed' | 'edited';
  reader: string | null;
  edited_at: string | null;
  /** 1 for a beat's fiducial the reader placed by hand on the rhythm strip. */
  by_hand: 0 | 1;
}

/** Our global values as a flat map keyed like GLOBAL_VALUE_UNITS; absent values are left out. */
export function globalValues(m: Pick<Measurements, 'heartRateBpm' | 'rrMs' | 'prMs' | 'pDurationMs' | 'qrsMs' | 'qtMs' | 'qtcMs' | 'axesDeg'>) {
  const values: Partial<Record<GlobalValueName, number | undefined>> = {
    heartRateBpm: m.heartRateBpm,
    rrMs: m.rrMs,
    prMs: m.prMs,
    pDurationMs: m.pDurationMs,
    qrsMs: m.qrsMs,
    qtMs: m.qtMs,
    'qtcMs.bazett': m.qtcMs.bazett,
    'qtcMs.fridericia': m.qtcMs.fridericia,
    'qtcMs.framingham': m.qtcMs.framingham,
    'qtcMs.hodges': m.qtcMs.hodges,
    'axesDeg.p': m.axesDeg.p,
    'axesDeg.qrs': m.axesDeg.qrs,
    'axesDeg.t': m.axesDeg.t,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<GlobalValueName, number>>;
}

export function hasStoredSet(db: Database.Database, recordId: number): boolean {
  return db.prepare('SELECT 1 FROM measurement_sets WHERE record_id = ?').get(recordId) !== undefined;
}

/** Stores a record's computed measurements; a record measured already keeps its first result. */
export function storeComputed(db: Database.Database, recordId: number, m: Measurements, engineVersion: string, computedAt: string): void {
  db.transaction(() => {
    if (hasStoredSet(db, recordId)) return;
    const { medianBeat, ...rest } = m;
    let result: StoredResult = rest;
    let medianBlob: Uint8Array | null = null;
    if (medianBeat) {
      const { leads, ...withoutSamples } = medianBeat;
      result = { ...rest, medianBeat: withoutSamples };
      medianBlob = encodeWaveformSet({
        sampleRateHz: medianBeat.sampleRateHz,
        leads: leads.map((lead) => ({ name: lead.name, derived: false, samplesUv: lead.samplesUv })),
      });
    }
    db.prepare(
      `INSERT INTO measurement_sets (record_id, engine_version, computed_at, sample_rate_hz, result_json, median_beat)
       VALUES (?, ?, ?, ?, ?, ?)`
    ).run(recordId, engineVersion, computedAt, m.sampleRateHz, JSON.stringify(result), medianBlob);
    const insertValue = db.prepare(
      "INSERT INTO measurement_values (record_id, name, value, unit, provenance) VALUES (?, ?, ?, ?, 'computed')"
    );
    for (const [name, value] of Object.entries(globalValues(m)) as [GlobalValueName, number][]) {
      insertValue.run(recordId, name, value, GLOBAL_VALUE_UNITS[name]);
    }
    const insertFiducial = db.prepare(
      "INSERT INTO measurement_fiducials (record_id, beat, name, time_s, provenance) VALUES (?, ?, ?, ?, 'computed')"
    );
    for (const name of FIDUCIAL_NAMES) {
      const timeS = medianBeat?.fiducials[`${name}S`];
      if (timeS !== undefined) insertFiducial.run(recordId, MEDIAN_BEAT, name, timeS);
    }
  }).immediate();
}

export function readStoredSet(db: Database.Database, recordId: number): StoredSet | undefined {
  const row = db
    .prepare('SELECT engine_version, computed_at, sample_rate_hz, result_json FROM measurement_sets WHERE record_id = ?')
    .get(recordId) as { engine_version: string; computed_at: string; sample_rate_hz: number; result_json: string } | undefined;
  if (!row) return undefined;
  return {
    recordId,
    engineVersion: row.engine_version,
    computedAt: row.computed_at,
    sampleRateHz: row.sample_rate_hz,
    result: JSON.parse(row.result_json) as StoredResult,
  };
}

export function readMedianBeatLeads(db: Database.Database, recordId: number): { name: string; samplesUv: Float32Array }[] | undefined {
  const row = db.prepare('SELECT median_beat FROM measurement_sets WHERE record_id = ?').get(recordId) as
    | { median_beat: Uint8Array | null }
    | undefined;
  if (!row?.median_beat) return undefined;
  return decodeWaveformSet(row.median_beat).leads.map((lead) => ({ name: lead.name, samplesUv: lead.samplesUv }));
}

export function readValueRows(db: Database.Database, recordId: number): ValueRow[] {
  return db
    .prepare('SELECT name, value, unit, provenance, reader, edited_at FROM measurement_values WHERE record_id = ?')
    .all(recordId) as ValueRow[];
}

export function readFiducialRows(db: Database.Database, recordId: number): FiducialRow[] {
  return db
    .prepare('SELECT beat, name, time_s, provenance, reader, edited_at, by_hand FROM measurement_fiducials WHERE record_id = ? ORDER BY beat')
    .all(recordId) as FiducialRow[];
}

export function readEdits(db: Database.Database, recordId: number): MeasurementEdit[] {
  const rows = db
    .prepare('SELECT id, at, reader, action, target, old_value, new_value, reason FROM measurement_edits WHERE record_id = ? ORDER BY id')
    .all(recordId) as {
    id: number;
    at: string;
    reader: string;
    action: 'edit' | 'revert';
    target: string;
    old_value: number | null;
    new_value: number | null;
    reason: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    reader: r.reader,
    action: r.action,
    target: r.target,
    oldValue: r.old_value,
    newValue: r.new_value,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}
