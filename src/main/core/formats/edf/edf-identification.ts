/**
 * The EDF header's patient and recording fields and start date/time. EDF+ structures the two
 * fields as space-separated subfields with 'X' for unknown and '_' for spaces inside a subfield;
 * plain EDF leaves them free text.
 */
import type { AcquisitionInfo, PatientDemographics } from '../../../../shared/ecg/record.ts';
import type { EdfHeader } from './edf-header.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface EdfIdentification {
  patient: PatientDemographics;
  acquisition: AcquisitionInfo;
}

/** "02-MAY-1951" → "1951-05-02"; undefined for 'X' or anything else. */
function isoFromEdfPlusDate(token: string | undefined): string | undefined {
  const match = /^(\d{2})-([A-Z]{3})-(\d{4})$/i.exec(token ?? '');
  const month = match?.[2] ? MONTHS.indexOf(match[2].toUpperCase()) + 1 : 0;
  if (!match?.[1] || !match[3] || month === 0) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${match[1]}`;
}

function subfield(token: string | undefined): string | undefined {
  return token === undefined || token === 'X' ? undefined : token.replaceAll('_', ' ');
}

/** EDF+ patient field: "code sex birthdate name …". */
function edfPlusPatient(field: string): PatientDemographics {
  const [code, sex, birthDate, name] = field.split(' ');
  const patient: PatientDemographics = {};
  const id = subfield(code);
  if (id !== undefined) patient.id = id;
  if (sex === 'M' || sex === 'F') patient.sex = sex;
  const birth = isoFromEdfPlusDate(birthDate);
  if (birth !== undefined) patient.birthDate = birth;
  const fullName = subfield(name);
  if (fullName !== undefined) {
    const [family, given] = fullName.split(',').map((part) => part.trim());
    if (family) patient.familyName = family;
    if (given) patient.givenName = given;
  }
  return patient;
}

/**
 * Start date and time as ISO. The header's "dd.mm.yy" has a two-digit year (1985–2084 by the EDF
 * rule); a "Startdate dd-MMM-yyyy" recording field, where present, gives the full year.
 */
function startDateTime(header: EdfHeader): string | undefined {
  const date = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(header.startDate);
  const time = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(header.startTime);
  if (!date?.[1] || !date[2] || !date[3]) return undefined;
  const shortYear = Number(date[3]);
  const fromRecording = isoFromEdfPlusDate(/^Startdate (\S+)/.exec(header.recordingField)?.[1]);
  const isoDate = fromRecording ?? `${shortYear >= 85 ? 1900 + shortYear : 2000 + shortYear}-${date[2]}-${date[1]}`;
  return time?.[1] && time[2] && time[3] ? `${isoDate}T${time[1]}:${time[2]}:${time[3]}` : isoDate;
}

export function edfIdentification(header: EdfHeader, isEdfPlus: boolean): EdfIdentification {
  const comments: string[] = [];
  let patient: PatientDemographics = {};
  if (isEdfPlus) {
    patient = edfPlusPatient(header.patientField);
  } else if (header.patientField !== '') {
    comments.push(`Patient field: ${header.patientField}`);
  }
  const acquisition: AcquisitionInfo = {};
  const dateTime = startDateTime(header);
  if (dateTime !== undefined) acquisition.dateTime = dateTime;
  const recording = /^Startdate \S+ (\S+) (\S+) (\S+)/.exec(header.recordingField);
  if (isEdfPlus && recording) {
    const device = subfield(recording[3]);
    if (device !== undefined) acquisition.device = device;
  }
  if (header.recordingField !== '') comments.push(`Recording field: ${header.recordingField}`);
  if (comments.length > 0) acquisition.comments = comments;
  return { patient, acquisition };
}
