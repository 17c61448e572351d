/**
 * Section 1: patient and acquisition tags (tag, 16-bit length, value; tag 255 ends the list).
 * Read defensively: anonymisers leave CRC-valid but broken fields (big-endian dates giving year
 * 53255, "REM" written over height and sex, strings cut without a terminator). A broken field is
 * dropped and named in one warning; it never stops the signal from being read.
 */
import type { AcquisitionInfo, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import { latin1Text, type ByteReader } from './byte-reader.ts';

export interface ScpDemographics {
  patient: PatientDemographics;
  acquisition: AcquisitionInfo;
  warnings: string[];
}

const TAG = {
  lastName: 0,
  firstName: 1,
  patientId: 2,
  age: 4,
  birthDate: 5,
  height: 6,
  weight: 7,
  sex: 8,
  race: 9,
  acquiringDevice: 14,
  acquiringInstitution: 16,
  acquiringDepartment: 18,
  acquisitionDate: 25,
  acquisitionTime: 26,
  baselineFilter: 27,
  lowPassFilter: 28,
  filterBitmap: 29,
  freeText: 30,
  end: 255,
} as const;

const SEX_BY_CODE: ReadonlyMap<number, Sex> = new Map([
  [0, 'U'],
  [1, 'M'],
  [2, 'F'],
  [9, 'U'],
]);
const RACE_BY_CODE: ReadonlyMap<number, string> = new Map([
  [1, 'Caucasian'],
  [2, 'Black'],
  [3, 'Oriental'],
]);
/** Age units 1–5: years, months, weeks, days, hours. */
const YEARS_PER_AGE_UNIT = [0, 1, 1 / 12, 7 / 365.25, 1 / 365.25, 1 / (24 * 365.25)];

/** Why a field was dropped, or its value. */
type FieldResult<T> = { value: T } | { problem: string } | undefined;

/** A text tag must end in NUL; bytes after the terminator other than NUL padding mean it was overwritten. */
function text(value: Uint8Array): FieldResult<string> {
  const nul = value.indexOf(0);
  if (nul < 0) return value.length === 0 ? undefined : { problem: 'text not terminated (cut short)' };
  if (value.subarray(nul).some((byte) => byte !== 0)) return { problem: 'text overwritten past its end' };
  const decoded = latin1Text(value);
  return decoded ? { value: decoded } : undefined;
}

function isoDate(value: Uint8Array, view: DataView): FieldResult<string> {
  if (value.length !== 4) return { problem: `date of ${value.length} bytes` };
  const year = view.getUint16(0, true);
  const month = value[2];
  const day = value[3];
  if (year === 0 && month === 0 && day === 0) return undefined;
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) {
    return { problem: `impossible date ${year}-${month}-${day}` };
  }
  return { value: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` };
}

function clockTime(value: Uint8Array): FieldResult<string> {
  if (value.length !== 3) return { problem: `time of ${value.length} bytes` };
  const [hour, minute, second] = value;
  if (hour > 23 || minute > 59 || second > 59) return { problem: `impossible time ${hour}:${minute}:${second}` };
  return { value: `${pad2(hour)}:${pad2(minute)}:${pad2(second)}` };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Value (16 bits) plus unit code (8 bits); `scales[unit]` converts to our unit, 0 unit = unspecified. */
function quantity(value: Uint8Array, view: DataView, scales: readonly number[], range: [number, number]): FieldResult<number> {
  if (value.length !== 3) return { problem: `${value.length} bytes instead of 3` };
  const amount = view.getUint16(0, true);
  const unit = value[2];
  if (amount === 0) return undefined;
  if (unit === 0 || unit >= scales.length) return { problem: `unknown unit code ${unit}` };
  const converted = amount * scales[unit];
  if (converted < range[0] || converted > range[1]) return { problem: `implausible value ${amount} (unit code ${unit})` };
  return { value: Math.round(converted * 10) / 10 };
}

function byteCode<T>(value: Uint8Array, table: ReadonlyMap<number, T>): FieldResult<T> {
  if (value.length < 1) return undefined;
  const mapped = table.get(value[0]);
  return mapped === undefined ? { problem: `unknown code ${value[0]}` } : { value: mapped };
}

function u16(value: Uint8Array, view: DataView): number | undefined {
  return value.length >= 2 ? view.getUint16(0, true) : undefined;
}

/** Tag 14: fixed fields, then NUL-terminated strings: revision, serial, software, SCP software, trade name. */
function acquiringDevice(value: Uint8Array): { device?: string; manufacturer?: string; softwareVersion?: string } {
  const result: { device?: string; manufacturer?: string; softwareVersion?: string } = {};
  if (value.length >= 14) {
    const model = latin1Text(value.subarray(8, 14));
    if (model) result.device = model;
  }
  if (value.length < 36) return result;
  const revisionLength = value[35];
  const strings: string[] = [];
  let start = 36 + revisionLength;
  while (start < value.length && strings.length < 4) {
    const nul = value.indexOf(0, start);
    const end = nul < 0 ? value.length : nul;
    const field = latin1Text(value.subarray(start, end));
    // Non-conforming writers fill this area with binary; keep only printable text.
    strings.push([...field].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) ? '' : field);
    start = end + 1;
  }
  const [, software, , tradeName] = strings;
  if (software) result.softwareVersion = software;
  if (tradeName) result.manufacturer = tradeName;
  return result;
}

export function readDemographics(body: ByteReader): ScpDemographics {
  const patient: PatientDemographics = {};
  const acquisition: AcquisitionInfo = {};
  const dropped: string[] = [];
  let date: string | undefined;
  let time: string | undefined;
  const keep = <T>(label: string, result: FieldResult<T>, apply: (value: T) => void): void => {
    if (result === undefined) return;
    if ('problem' in result) dropped.push(`${label} (${result.problem})`);
    else apply(result.value);
  };

  let offset = 0;
  while (body.has(offset, 1)) {
    const tag = body.u8(offset, 'tag');
    if (tag === TAG.end) break;
    if (!body.has(offset + 1, 2)) {
      dropped.push(`tag ${tag} (cut off by the section end)`);
      break;
    }
    const length = body.u16(offset + 1, 'tag length');
    if (!body.has(offset + 3, length)) {
      dropped.push(`tag ${tag} (its ${length} bytes run past the section end)`);
      break;
    }
    const value = body.slice(offset + 3, length, `tag ${tag}`);
    const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    offset += 3 + length;
    switch (tag) {
      case TAG.lastName:
        keep('family name', text(value), (v) => (patient.familyName = v));
        break;
      case TAG.firstName:
        keep('given name', text(value), (v) => (patient.givenName = v));
        break;
      case TAG.patientId:
        keep('patient id', text(value), (v) => (patient.id = v));
        break;
      case TAG.age:
        keep('age', quantity(value, view, YEARS_PER_AGE_UNIT, [0, 150]), (v) => (patient.ageYears = Math.floor(v)));
        break;
      case TAG.birthDate:
        keep('birth date', isoDate(value, view), (v) => (patient.birthDate = v));
        break;
      case TAG.height:
        // Units 1–3: cm, inch, mm.
        keep('height', quantity(value, view, [0, 1, 2.54, 0.1], [20, 280]), (v) => (patient.heightCm = v));
        break;
      case TAG.weight:
        // Units 1–4: kg, g, pound, ounce.
        keep('weight', quantity(value, view, [0, 1, 0.001, 0.45359237, 0.028349523], [0.3, 500]), (v) => (patient.weightKg = v));
        break;
      case TAG.sex:
        keep('sex', byteCode(value, SEX_BY_CODE), (v) => (patient.sex = v));
        break;
      case TAG.race:
        if (value[0] !== 0) keep('race', byteCode(value, RACE_BY_CODE), (v) => (patient.race = v));
        break;
      case TAG.acquiringDevice:
        Object.assign(acquisition, acquiringDevice(value));
        break;
      case TAG.acquiringInstitution:
        keep('institution', text(value), (v) => (acquisition.site = v));
        break;
      case TAG.acquiringDepartment:
        keep('department', text(value), (v) => (acquisition.location = v));
        break;
      case TAG.acquisitionDate:
        keep('acquisition date', isoDate(value, view), (v) => (date = v));
        break;
      case TAG.acquisitionTime:
        keep('acquisition time', clockTime(value), (v) => (time = v));
        break;
      case TAG.baselineFilter: {
        // Stated in hundredths of a hertz.
        const centiHz = u16(value, view);
        if (centiHz) acquisition.highPassHz = centiHz / 100;
        break;
      }
      case TAG.lowPassFilter: {
        const hz = u16(value, view);
        if (hz) acquisition.lowPassHz = hz;
        break;
      }
      case TAG.filterBitmap:
        if (value[0] & 0x01) acquisition.notchHz = 60;
        else if (value[0] & 0x02) acquisition.notchHz = 50;
        break;
      case TAG.freeText:
        keep('free text', text(value), (v) => (acquisition.comments = [...(acquisition.comments ?? []), v]));
        break;
    }
  }
  // A time without its date says nothing about when the ECG was taken.
  if (date) acquisition.dateTime = time ? `${date}T${time}` : date;

  const warnings =
    dropped.length > 0 ? [`section 1 (patient data) is damaged; ignored: ${dropped.join('; ')}`] : [];
  return { patient, acquisition, warnings };
}
