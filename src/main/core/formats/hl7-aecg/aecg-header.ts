/**
 * Patient demographics (trial subject) and acquisition details (series device, filter control
 * variables, effective time, sites) of an HL7 aECG.
 */
import type { AcquisitionInfo, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import { personName } from './annotation-sets.ts';
import { parseTs } from './hl7-time.ts';
import { attribute, child, children, descend, textOf, type XmlElement } from './xml-element.ts';

const LOINC_REPORTED_AGE = '21612-7';
const LOINC_BODY_HEIGHT = '8302-2';
const LOINC_BODY_WEIGHT = '3141-9';

const YEARS_PER_AGE_UNIT: Record<string, number> = { a: 1, mo: 1 / 12, wk: 7 / 365.25, d: 1 / 365.25 };
const CM_PER_HEIGHT_UNIT: Record<string, number> = { cm: 1, m: 100 };
const KG_PER_WEIGHT_UNIT: Record<string, number> = { kg: 1, g: 0.001 };

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sexOf(code: string | undefined): Sex | undefined {
  if (code === 'M' || code === 'F') return code;
  return code ? 'U' : undefined;
}

/** A PQ control observation (age, height, weight) of the aECG, converted by a unit table. */
function observed(root: XmlElement, loincCode: string, perUnit: Record<string, number>): number | undefined {
  const observation = children(root, 'controlVariable')
    .map((c) => child(c, 'relatedObservation'))
    .find((o) => attribute(child(o, 'code'), 'code') === loincCode);
  const value = child(observation, 'value');
  const amount = Number(attribute(value, 'value'));
  const factor = perUnit[attribute(value, 'unit') ?? ''];
  return Number.isFinite(amount) && factor !== undefined ? Math.round(amount * factor * 100) / 100 : undefined;
}

export function readPatient(root: XmlElement): PatientDemographics {
  const trialSubject = descend(root, 'componentOf', 'timepointEvent', 'componentOf', 'subjectAssignment', 'subject', 'trialSubject');
  const person = child(trialSubject, 'subjectDemographicPerson');
  const name = child(person, 'name');
  const structured = children(name, 'family').length > 0 || children(name, 'given').length > 0;
  const birth = parseTs(attribute(child(person, 'birthTime'), 'value'));
  const race = child(person, 'raceCode');
  return withoutUndefined({
    id: attribute(child(trialSubject, 'id'), 'extension') ?? attribute(child(trialSubject, 'id'), 'root'),
    familyName: structured ? textOf(child(name, 'family')) : personName(name),
    givenName: structured ? textOf(child(name, 'given')) : undefined,
    birthDate: birth && birth.iso.length >= 10 ? birth.iso.slice(0, 10) : undefined,
    ageYears: observed(root, LOINC_REPORTED_AGE, YEARS_PER_AGE_UNIT),
    sex: sexOf(attribute(child(person, 'administrativeGenderCode'), 'code')),
    heightCm: observed(root, LOINC_BODY_HEIGHT, CM_PER_HEIGHT_UNIT),
    weightKg: observed(root, LOINC_BODY_WEIGHT, KG_PER_WEIGHT_UNIT),
    race: attribute(race, 'displayName') ?? attribute(race, 'code'),
  });
}

/** Filter settings from the series' control variables (MDC_ECG_CTL_VBL_ATTR_FILTER_*). */
function filters(series: XmlElement): Pick<AcquisitionInfo, 'highPassHz' | 'lowPassHz' | 'notchHz'> {
  const found: Pick<AcquisitionInfo, 'highPassHz' | 'lowPassHz' | 'notchHz'> = {};
  for (const filter of children(series, 'controlVariable').flatMap((c) => children(c, 'controlVariable'))) {
    const kind = attribute(child(filter, 'code'), 'code');
    const frequency = children(filter, 'component')
      .map((c) => child(c, 'controlVariable'))
      .map((setting) => child(setting, 'value'))
      .find((value) => attribute(value, 'unit') === 'Hz');
    const hz = Number(attribute(frequency, 'value'));
    if (!frequency || !Number.isFinite(hz)) continue;
    if (kind === 'MDC_ECG_CTL_VBL_ATTR_FILTER_LOW_PASS') found.lowPassHz = hz;
    if (kind === 'MDC_ECG_CTL_VBL_ATTR_FILTER_HIGH_PASS') found.highPassHz = hz;
    if (kind === 'MDC_ECG_CTL_VBL_ATTR_FILTER_NOTCH') found.notchHz = hz;
  }
  return found;
}

export function readAcquisition(root: XmlElement, series: XmlElement): AcquisitionInfo {
  const seriesTime = child(series, 'effectiveTime');
  const documentTime = child(root, 'effectiveTime');
  const start =
    parseTs(attribute(child(seriesTime, 'low'), 'value')) ??
    parseTs(attribute(child(seriesTime, 'center'), 'value')) ??
    parseTs(attribute(child(documentTime, 'low'), 'value')) ??
    parseTs(attribute(child(documentTime, 'center'), 'value'));
  const author = descend(series, 'author', 'seriesAuthor');
  const device = child(author, 'manufacturedSeriesDevice');
  const trialSite = descend(
    root, 'componentOf', 'timepointEvent', 'componentOf', 'subjectAssignment', 'componentOf', 'clinicalTrial', 'location', 'trialSite'
  );
  const comments = children(root, 'pertainsTo')
    .map((p) => textOf(descend(p, 'subjectFindingComment', 'text')))
    .filter((text): text is string => text !== undefined);
  return withoutUndefined({
    dateTime: start?.iso,
    manufacturer: textOf(descend(author, 'manufacturerOrganization', 'name')),
    device: textOf(child(device, 'manufacturerModelName')),
    softwareVersion: textOf(child(device, 'softwareName')),
    site: textOf(descend(trialSite, 'location', 'name')),
    location: textOf(descend(root, 'location', 'testingSite', 'location', 'name')),
    ...filters(series),
    comments: comments.length > 0 ? comments : undefined,
  });
}
