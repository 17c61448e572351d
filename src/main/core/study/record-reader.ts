/** Loads a stored record back into the record model, waveforms decoded. */
import type Database from 'better-sqlite3';
import type { RecordView } from '../../../shared/contract/record-view.ts';
import type { ReviewStatus } from '../../../shared/contract/worklist.ts';
import type {
  AcquisitionInfo,
  EcgFormat,
  EcgRecord,
  PatientDemographics,
  SourceAnnotation,
  SourceMeasurement,
  SourceStatement,
  StatementSource,
} from '../../../shared/ecg/record.ts';
import { decodeWaveformSet } from '../storage/waveform-codec.ts';

interface RecordRow {
  id: number;
  format: EcgFormat;
  source_file: string;
  source_sha256: string;
  imported_at: string;
  status: ReviewStatus;
  patient_json: string;
  acquisition_json: string;
  warnings_json: string;
}

function present<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function readRecordView(db: Database.Database, id: number): RecordView | undefined {
  const row = db
    .prepare(
      `SELECT id, format, source_file, source_sha256, imported_at, status, patient_json, acquisition_json, warnings_json
       FROM records WHERE id = ?`
    )
    .get(id) as RecordRow | undefined;
  if (!row) return undefined;
  const waveforms = db.prepare('SELECT kind, data FROM waveforms WHERE record_id = ?').all(id) as {
    kind: 'rhythm' | 'median';
    data: Uint8Array;
  }[];
  const rhythmBlob = waveforms.find((w) => w.kind === 'rhythm');
  if (!rhythmBlob) throw new Error(`record ${id} has no stored rhythm waveform`);
  const medianBlob = waveforms.find((w) => w.kind === 'median');
  const files = db.prepare("SELECT path FROM files WHERE record_id = ? ORDER BY role = 'companion', id").all(id) as {
    path: string;
  }[];

  const statements = (
    db
      .prepare('SELECT text, source, code, code_system, severity FROM source_statements WHERE record_id = ? ORDER BY ordinal')
      .all(id) as { text: string; source: StatementSource; code: string | null; code_system: string | null; severity: string | null }[]
  ).map(
    (s): SourceStatement =>
      withoutUndefined({
        text: s.text,
        source: s.source,
        code: present(s.code),
        codeSystem: present(s.code_system),
        severity: present(s.severity),
      })
  );
  const measurements = (
    db
      .prepare('SELECT name, value, unit, lead, source_label FROM source_measurements WHERE record_id = ? ORDER BY ordinal')
      .all(id) as { name: string; value: number; unit: string; lead: string | null; source_label: string | null }[]
  ).map(
    (m): SourceMeasurement =>
      withoutUndefined({ name: m.name, value: m.value, unit: m.unit, lead: present(m.lead), sourceLabel: present(m.source_label) })
  );
  const annotations = (
    db
      .prepare(
        `SELECT set_name, time_s, end_time_s, code, description, lead FROM source_annotations
         WHERE record_id = ? ORDER BY ordinal`
      )
      .all(id) as {
      set_name: string;
      time_s: number;
      end_time_s: number | null;
      code: string;
      description: string | null;
      lead: string | null;
    }[]
  ).map(
    (a): SourceAnnotation =>
      withoutUndefined({
        set: a.set_name,
        timeS: a.time_s,
        endTimeS: present(a.end_time_s),
        code: a.code,
        description: present(a.description),
        lead: present(a.lead),
      })
  );

  const record: EcgRecord = {
    format: row.format,
    sourceFile: row.source_file,
    sourceFiles: files.map((f) => f.path.split(/[\\/]/).pop() ?? f.path),
    rhythm: decodeWaveformSet(rhythmBlob.data),
    ...(medianBlob ? { medianBeats: decodeWaveformSet(medianBlob.data) } : {}),
    patient: JSON.parse(row.patient_json) as PatientDemographics,
    acquisition: JSON.parse(row.acquisition_json) as AcquisitionInfo,
    statements,
    measurements,
    annotations,
    warnings: JSON.parse(row.warnings_json) as string[],
  };
  return { id: row.id, sourceSha256: row.source_sha256, importedAt: row.imported_at, status: row.status, record };
}
