/**
 * Patient demographics and acquisition details from the DICOM patient, study, series and
 * equipment modules.
 */
import type { DataSet } from 'dicom-parser';
import type { AcquisitionInfo, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import type { DicomText } from './dicom-dataset.ts';
import { TAG } from './dicom-tags.ts';

/** DICOM DA "YYYYMMDD" → ISO "YYYY-MM-DD"; undefined when not a date. */
function isoDate(da: string | undefined): string | undefined {
  const match = da ? /^(\d{4})(\d{2})(\d{2})$/.exec(da) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** DICOM TM "HHMMSS.FFFFFF" (minutes and seconds optional) → "HH:MM:SS[.FFF]". */
function isoTime(tm: string | undefined): string | undefined {
  const match = tm ? /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?$/.exec(tm) : null;
  if (!match) return undefined;
  return `${match[1]}:${match[2] ?? '00'}:${match[3] ?? '00'}${match[4] ?? ''}`;
}

/** DICOM DT "YYYYMMDDHHMMSS.FFFFFF&ZZXX" → local ISO date-time; the offset is dropped, never invented. */
function isoDateTime(dt: string | undefined): string | undefined {
  const match = dt ? /^(\d{8})(\d{2,6}(?:\.\d+)?)?(?:[+-]\d{4})?$/.exec(dt) : null;
  if (!match) return undefined;
  const date = isoDate(match[1]);
  const time = isoTime(match[2] ?? '000000');
  return date && time ? `${date}T${time}` : undefined;
}

/** DICOM AS "nnnD|W|M|Y" → years. */
function ageYears(as: string | undefined): number | undefined {
  const match = as ? /^(\d{3})([DWMY])$/.exec(as) : null;
  if (!match) return undefined;
  const count = Number(match[1]);
  const daysPerUnit = { D: 1, W: 7, M: 365.25 / 12, Y: 365.25 }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return match[2] === 'Y' ? count : Math.round((count * daysPerUnit * 100) / 365.25) / 100;
}

function sexOf(cs: string | undefined): Sex | undefined {
  if (cs === 'M' || cs === 'F') return cs;
  return cs === 'O' ? 'U' : undefined;
}

function positiveNumber(text: DicomText, dataSet: DataSet, tag: string): number | undefined {
  const value = text.number(dataSet, tag);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function readPatient(text: DicomText, root: DataSet): PatientDemographics {
  const [familyName, givenName] = (text.string(root, TAG.patientName) ?? '').split('^').map((part) => part.trim());
  const heightM = positiveNumber(text, root, TAG.patientSize);
  return withoutUndefined({
    id: text.string(root, TAG.patientId),
    familyName: familyName || undefined,
    givenName: givenName || undefined,
    birthDate: isoDate(text.string(root, TAG.patientBirthDate)),
    ageYears: ageYears(text.string(root, TAG.patientAge)),
    sex: sexOf(text.string(root, TAG.patientSex)),
    heightCm: heightM === undefined ? undefined : Math.round(heightM * 1000) / 10,
    weightKg: positiveNumber(text, root, TAG.patientWeight),
  });
}

function acquisitionDateTime(text: DicomText, root: DataSet): string | undefined {
  const dateTime = isoDateTime(text.string(root, TAG.acquisitionDateTime));
  if (dateTime) return dateTime;
  const pairs: [string, string][] = [
    [TAG.acquisitionDate, TAG.acquisitionTime],
    [TAG.contentDate, TAG.contentTime],
    [TAG.studyDate, TAG.studyTime],
  ];
  for (const [dateTag, timeTag] of pairs) {
    const date = isoDate(text.string(root, dateTag));
    if (!date) continue;
    const time = isoTime(text.string(root, timeTag));
    return time ? `${date}T${time}` : date;
  }
  return undefined;
}

export interface ChannelFilters {
  highPassHz?: number;
  lowPassHz?: number;
  notchHz?: number;
}

export function readAcquisition(text: DicomText, root: DataSet, filters: ChannelFilters): AcquisitionInfo {
  return withoutUndefined({
    dateTime: acquisitionDateTime(text, root),
    manufacturer: text.string(root, TAG.manufacturer),
    device: text.string(root, TAG.manufacturerModelName),
    softwareVersion: text.string(root, TAG.softwareVersions),
    site: text.string(root, TAG.institutionName),
    location: text.string(root, TAG.institutionalDepartmentName),
    ...filters,
  });
}
