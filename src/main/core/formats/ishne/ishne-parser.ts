/**
 * ISHNE 1.0 Holter signal files (".ecg") with their optional annotation file (same base name, ".ann").
 * Samples are int16 interleaved lead by lead; each lead has its own resolution in nanovolts.
 */
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import type { AcquisitionInfo, EcgLead, EcgRecord, PatientDemographics, Sex } from '../../../../shared/ecg/record.ts';
import { orderLeads } from '../../../../shared/ecg/leads.ts';
import { ISHNE_MAX_LEADS, ISHNE_SIGNAL_MAGIC, IshneHeaderError, ishneIsoDate, readIshneHeader, readMagic, type IshneHeader } from './ishne-header.ts';
import { ishneLeadNames } from './ishne-leads.ts';
import { readIshneAnnotations } from './ishne-annotations.ts';

const SEX: Readonly<Record<number, Sex>> = { 1: 'M', 2: 'F' };
const RACE: Readonly<Record<number, string>> = { 1: 'Caucasian', 2: 'Black', 3: 'Oriental' };
const PACEMAKER: Readonly<Record<number, string>> = {
  1: 'pacemaker type not known',
  2: 'single chamber unipolar pacemaker',
  3: 'dual chamber unipolar pacemaker',
  4: 'single chamber bipolar pacemaker',
  5: 'dual chamber bipolar pacemaker',
};

function readHeader(source: ParseSource): IshneHeader {
  if (readMagic(source.bytes) !== ISHNE_SIGNAL_MAGIC) throw new EcgParseError(source.fileName, `not an ISHNE file: no '${ISHNE_SIGNAL_MAGIC}' magic`);
  try {
    return readIshneHeader(source.bytes);
  } catch (error) {
    if (error instanceof IshneHeaderError) throw new EcgParseError(source.fileName, error.message);
    throw error;
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

function checkHeader(header: IshneHeader, fileName: string, warnings: string[]): void {
  if (header.storedCrc !== header.computedCrc) {
    // The standard lets writers leave the checksum at zero; any other mismatch means a damaged header.
    if (header.storedCrc !== 0) {
      throw new EcgParseError(fileName, `header CRC mismatch (stored ${hex(header.storedCrc)}, computed ${hex(header.computedCrc)}): the header is damaged`);
    }
    warnings.push('the header carries no checksum (0); it could not be verified');
  }
  if (!(header.leadCount >= 1 && header.leadCount <= ISHNE_MAX_LEADS)) {
    throw new EcgParseError(fileName, `the header declares ${header.leadCount} leads (1–${ISHNE_MAX_LEADS} allowed)`);
  }
  if (!(header.sampleRateHz > 0)) throw new EcgParseError(fileName, `the header declares a sampling rate of ${header.sampleRateHz} Hz`);
  for (let lead = 0; lead < header.leadCount; lead++) {
    if (!(header.resolutionNv[lead] > 0)) {
      throw new EcgParseError(fileName, `lead ${lead + 1} has an amplitude resolution of ${header.resolutionNv[lead]} nV`);
    }
  }
}

function samplesPerLead(header: IshneHeader, byteLength: number, fileName: string, warnings: string[]): number {
  const available = Math.floor((byteLength - header.dataOffset) / (2 * header.leadCount));
  if (available === 0) throw new EcgParseError(fileName, 'the file holds no samples');
  if (header.samplesPerLead > available) {
    warnings.push(`the header declares ${header.samplesPerLead} samples per lead but the file holds ${available}: the file is truncated`);
    return available;
  }
  if (header.samplesPerLead <= 0) {
    warnings.push(`the header declares ${header.samplesPerLead} samples per lead; the ${available} in the file were read`);
    return available;
  }
  return header.samplesPerLead;
}

function decodeLeads(header: IshneHeader, bytes: Uint8Array, sampleCount: number): EcgLead[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = ishneLeadNames(header.leadSpecCodes.slice(0, header.leadCount));
  const frameBytes = 2 * header.leadCount;
  return names.map((name, lead) => {
    const resolutionUv = header.resolutionNv[lead] / 1000;
    const samplesUv = new Float32Array(sampleCount);
    for (let i = 0, offset = header.dataOffset + 2 * lead; i < sampleCount; i++, offset += frameBytes) {
      samplesUv[i] = view.getInt16(offset, true) * resolutionUv;
    }
    return { name, derived: false, samplesUv, resolutionUv };
  });
}

function patientOf(header: IshneHeader): PatientDemographics {
  const patient: PatientDemographics = { sex: SEX[header.sexCode] ?? 'U' };
  if (header.subjectId) patient.id = header.subjectId;
  if (header.lastName) patient.familyName = header.lastName;
  if (header.firstName) patient.givenName = header.firstName;
  const birthDate = ishneIsoDate(header.birthDate);
  if (birthDate) patient.birthDate = birthDate;
  if (RACE[header.raceCode]) patient.race = RACE[header.raceCode];
  return patient;
}

function acquisitionOf(header: IshneHeader): AcquisitionInfo {
  const acquisition: AcquisitionInfo = {};
  const date = ishneIsoDate(header.recordDate);
  const { hour, minute, second } = header.startTime;
  const validTime = hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (date) acquisition.dateTime = validTime ? `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}` : date;
  if (header.recorder) acquisition.device = header.recorder;
  if (header.proprietary) acquisition.manufacturer = header.proprietary;
  const comments = [
    header.copyright ? `Copyright: ${header.copyright}` : '',
    PACEMAKER[header.pacemakerCode] ? `Pacemaker: ${PACEMAKER[header.pacemakerCode]}` : '',
    header.variableBlock,
  ].filter((c) => c !== '');
  if (comments.length > 0) acquisition.comments = comments;
  return acquisition;
}

function annotationFileName(fileName: string): string[] {
  const base = fileName.replace(/\.[^.]*$/, '');
  return [`${base}.ann`, `${base}.ANN`];
}

function parseIshne(source: ParseSource): EcgRecord {
  const { fileName, bytes } = source;
  const header = readHeader(source);
  const warnings: string[] = [];
  checkHeader(header, fileName, warnings);
  const sampleCount = samplesPerLead(header, bytes.length, fileName, warnings);
  const leads = decodeLeads(header, bytes, sampleCount);
  const sourceFiles = [fileName];
  const record: EcgRecord = {
    format: 'ishne',
    sourceFile: fileName,
    sourceFiles,
    rhythm: { sampleRateHz: header.sampleRateHz, leads: orderLeads(leads) },
    patient: patientOf(header),
    acquisition: acquisitionOf(header),
    statements: [],
    measurements: [],
    annotations: [],
    warnings,
  };
  for (const name of annotationFileName(fileName)) {
    const annotationBytes = source.readSibling(name);
    if (!annotationBytes) continue;
    sourceFiles.push(name);
    const read = readIshneAnnotations(annotationBytes, name, header.sampleRateHz, sampleCount / header.sampleRateHz);
    record.annotations.push(...read.annotations);
    warnings.push(...read.warnings);
    break;
  }
  return record;
}

export const ishneParser: EcgFormatParser = {
  format: 'ishne',
  extensions: ['.ecg'],
  sniff(source: ParseSource): boolean {
    return readMagic(source.bytes) === ISHNE_SIGNAL_MAGIC;
  },
  parse(source: ParseSource): EcgRecord {
    try {
      return parseIshne(source);
    } catch (error) {
      if (error instanceof EcgParseError) throw error;
      throw new EcgParseError(source.fileName, `could not be read as ISHNE: ${(error as Error).message}`);
    }
  },
};
