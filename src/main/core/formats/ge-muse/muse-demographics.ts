/**
 * MUSE PatientDemographics and TestDemographics to the record's patient and acquisition fields.
 * Either block may be missing (de-identified exports remove them whole).
 */
import type { AcquisitionInfo, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import { numberAt, textAt, type XmlElement } from './xml-tree.ts';

/** MUSE writes dates as MM-DD-YYYY. */
export function museDate(text: string | undefined): string | undefined {
  const match = text ? /^(\d{2})-(\d{2})-(\d{4})$/.exec(text) : null;
  return match ? `${match[3]}-${match[1]}-${match[2]}` : undefined;
}

function museSex(text: string | undefined): Sex | undefined {
  if (text === undefined) return undefined;
  const upper = text.toUpperCase();
  if (upper === 'MALE') return 'M';
  if (upper === 'FEMALE') return 'F';
  return 'U';
}

const CM_PER_INCH = 2.54;
const KG_PER_POUND = 0.45359237;

export function musePatient(block: XmlElement | undefined): PatientDemographics {
  if (!block) return {};
  const ageUnits = (textAt(block, 'AgeUnits') ?? 'YEARS').toUpperCase();
  const age = numberAt(block, 'PatientAge');
  const heightIn = numberAt(block, 'HeightIN');
  const weightLbs = numberAt(block, 'WeightLBS');
  const patient: PatientDemographics = {
    id: textAt(block, 'PatientID'),
    familyName: textAt(block, 'PatientLastName'),
    givenName: textAt(block, 'PatientFirstName'),
    birthDate: museDate(textAt(block, 'DateofBirth')),
    ageYears: ageUnits === 'YEARS' ? age : undefined,
    sex: museSex(textAt(block, 'Gender')),
    heightCm: numberAt(block, 'HeightCM') ?? (heightIn === undefined ? undefined : heightIn * CM_PER_INCH),
    weightKg: numberAt(block, 'WeightKG') ?? (weightLbs === undefined ? undefined : weightLbs * KG_PER_POUND),
    race: textAt(block, 'Race'),
  };
  return Object.fromEntries(Object.entries(patient).filter(([, value]) => value !== undefined)) as PatientDemographics;
}

export function museAcquisition(test: XmlElement | undefined, museVersion: string | undefined): AcquisitionInfo {
  const date = museDate(textAt(test, 'AcquisitionDate'));
  const time = textAt(test, 'AcquisitionTime');
  const validTime = time !== undefined && /^\d{2}:\d{2}(:\d{2})?$/.test(time) ? time : undefined;
  const comments = [
    museVersion ? `MUSE ${museVersion}` : undefined,
    textAt(test, 'Status') ? `Status: ${textAt(test, 'Status')}` : undefined,
  ].filter((c): c is string => c !== undefined);
  const acquisition: AcquisitionInfo = {
    dateTime: date === undefined ? undefined : validTime === undefined ? date : `${date}T${validTime}`,
    device: textAt(test, 'AcquisitionDevice'),
    softwareVersion: textAt(test, 'AcquisitionSoftwareVersion'),
    site: textAt(test, 'SiteName'),
    location: textAt(test, 'LocationName'),
    comments: comments.length > 0 ? comments : undefined,
  };
  return Object.fromEntries(Object.entries(acquisition).filter(([, value]) => value !== undefined)) as AcquisitionInfo;
}
