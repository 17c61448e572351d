/**
 * Philips patient and acquisition fields (1.03 and 1.04+ differ in a few element names).
 */
import type { AcquisitionInfo, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import { child, descend, numberAt, parseNumber, textAt, type XmlElement } from '../ge-muse/xml-tree.ts';

const CM_PER_INCH = 2.54;
const KG_PER_POUND = 0.45359237;

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sierraSex(text: string | undefined): Sex | undefined {
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower === 'male') return 'M';
  if (lower === 'female') return 'F';
  return 'U';
}

function isoDate(text: string | undefined): string | undefined {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
}

export function sierraPatient(root: XmlElement): PatientDemographics {
  const general = descend(root, 'patient', 'generalpatientdata');
  if (!general) return {};
  const heightIn = numberAt(general, 'height', 'inch');
  const weightLb = numberAt(general, 'weight', 'lb');
  return withoutUndefined<PatientDemographics>({
    id: textAt(general, 'patientid'),
    familyName: textAt(general, 'name', 'lastname'),
    givenName: textAt(general, 'name', 'firstname'),
    birthDate: isoDate(textAt(general, 'age', 'dateofbirth')),
    ageYears: numberAt(general, 'age', 'years'),
    sex: sierraSex(textAt(general, 'sex')),
    heightCm: numberAt(general, 'height', 'cm') ?? (heightIn === undefined ? undefined : heightIn * CM_PER_INCH),
    weightKg: numberAt(general, 'weight', 'kg') ?? (weightLb === undefined ? undefined : weightLb * KG_PER_POUND),
    race: textAt(general, 'race'),
  });
}

/** The signal's own band (what the stored data went through), not the report's display filters. */
function signalBand(root: XmlElement): { highPassHz?: number; lowPassHz?: number } {
  const parsed = descend(root, 'waveforms', 'parsedwaveforms');
  const signal = descend(root, 'dataacquisition', 'signalcharacteristics');
  const band = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(textAt(signal, 'signalbandwidth') ?? '');
  return {
    highPassHz: parseNumber(parsed?.attributes.hipass) ?? numberAt(signal, 'hipass') ?? parseNumber(band?.[1]),
    lowPassHz: parseNumber(parsed?.attributes.lowpass) ?? numberAt(signal, 'lowpass') ?? parseNumber(band?.[2]),
  };
}

export function sierraAcquisition(root: XmlElement, documentLabel: string): AcquisitionInfo {
  const acquisition = child(root, 'dataacquisition');
  const machine = child(acquisition, 'machine');
  // detaildescription reads "Philips Medical Products:860315:A.01.01.01" (maker, model number, software).
  const detail = (machine?.attributes.detaildescription ?? '').split(':').map((part) => part.trim());
  const date = isoDate(acquisition?.attributes.date);
  const time = acquisition?.attributes.time;
  const validTime = time !== undefined && /^\d{2}:\d{2}(:\d{2})?$/.test(time) ? time : undefined;
  const signature = textAt(descend(root, 'interpretations', 'interpretation'), 'mdsignatureline');
  const comments = [documentLabel, signature ? `Signature line: ${signature}` : undefined].filter((c): c is string => c !== undefined);
  return withoutUndefined<AcquisitionInfo>({
    dateTime: date === undefined ? undefined : validTime === undefined ? date : `${date}T${validTime}`,
    manufacturer: detail.length >= 3 && detail[0] ? detail[0] : undefined,
    device: machine?.text || undefined,
    softwareVersion: detail.length >= 3 && detail[detail.length - 1] ? detail[detail.length - 1] : undefined,
    site: textAt(acquisition, 'acquirer', 'institutionname'),
    location: textAt(acquisition, 'acquirer', 'departmentname') ?? textAt(acquisition, 'acquirer', 'departmentid'),
    ...signalBand(root),
    comments,
  });
}
