/**
 * EDF and EDF+ (European Data Format): 16-bit little-endian samples in data records, each record
 * holding a fixed number of samples per signal, scaled linearly from the digital to the physical
 * range that the header states.
 */
import type { AcquisitionInfo, EcgLead, EcgRecord, SourceAnnotation } from '../../../../shared/ecg/record.ts';
import { canonicalLeadName, withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import { uvPerUnitOf } from '../csv/units.ts';
import { parseEdfAnnotationRecord } from './edf-annotations.ts';
import { parseEdfHeader, type EdfHeader, type EdfSignalHeader } from './edf-header.ts';
import { edfIdentification } from './edf-identification.ts';

const ANNOTATION_LABEL = 'EDF Annotations';

interface SignalLayout {
  signal: EdfSignalHeader;
  /** Byte offset of this signal's samples within one data record. */
  offsetInRecord: number;
}

function layoutSignals(header: EdfHeader): { layouts: SignalLayout[]; recordBytes: number } {
  let offsetInRecord = 0;
  const layouts = header.signals.map((signal) => {
    const layout = { signal, offsetInRecord };
    offsetInRecord += 2 * signal.samplesPerRecord;
    return layout;
  });
  return { layouts, recordBytes: offsetInRecord };
}

function dataRecordCount(header: EdfHeader, fileName: string, dataBytes: number, recordBytes: number): number {
  const wholeRecords = Math.floor(dataBytes / recordBytes);
  if (header.dataRecordCount === -1) return wholeRecords;
  if (!Number.isInteger(header.dataRecordCount) || header.dataRecordCount < 0) {
    throw new EcgParseError(fileName, `EDF header declares ${header.dataRecordCount} data records`);
  }
  if (wholeRecords < header.dataRecordCount) {
    throw new EcgParseError(
      fileName,
      `is truncated: the header declares ${header.dataRecordCount} data records of ${recordBytes} bytes, the file holds ${wholeRecords}`
    );
  }
  return header.dataRecordCount;
}

/** Physical value = physicalMin + (digital − digitalMin) × (physicalMax − physicalMin) / (digitalMax − digitalMin). */
function decodeLead(
  bytes: Uint8Array,
  dataStart: number,
  layout: SignalLayout,
  recordBytes: number,
  recordCount: number,
  uvPerUnit: number,
  name: string
): EcgLead {
  const { signal } = layout;
  const uvPerDigit = ((signal.physicalMax - signal.physicalMin) / (signal.digitalMax - signal.digitalMin)) * uvPerUnit;
  const offsetUv = signal.physicalMin * uvPerUnit - signal.digitalMin * uvPerDigit;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const perRecord = signal.samplesPerRecord;
  const samplesUv = new Float32Array(perRecord * recordCount);
  for (let record = 0; record < recordCount; record++) {
    const base = dataStart + record * recordBytes + layout.offsetInRecord;
    for (let i = 0; i < perRecord; i++) {
      samplesUv[record * perRecord + i] = offsetUv + view.getInt16(base + 2 * i, true) * uvPerDigit;
    }
  }
  // Lossless integer storage needs the zero to fall on the digital grid; a range such as
  // −32768…32767 ↔ −1000…1000 puts it half a step off, so no resolution is claimed then.
  const offsetInSteps = offsetUv / uvPerDigit;
  const onGrid = Math.abs(offsetInSteps - Math.round(offsetInSteps)) < 1e-6;
  return { name, derived: false, samplesUv, ...(onGrid ? { resolutionUv: uvPerDigit } : {}) };
}

function readAnnotations(
  bytes: Uint8Array,
  dataStart: number,
  layout: SignalLayout,
  recordBytes: number,
  recordCount: number,
  recordDurationS: number,
  fileName: string
): SourceAnnotation[] {
  const annotations: SourceAnnotation[] = [];
  for (let record = 0; record < recordCount; record++) {
    const base = dataStart + record * recordBytes + layout.offsetInRecord;
    const parsed = parseEdfAnnotationRecord(bytes.subarray(base, base + 2 * layout.signal.samplesPerRecord));
    const expectedStartS = record * recordDurationS;
    if (parsed.recordStartS !== undefined && Math.abs(parsed.recordStartS - expectedStartS) > 1e-3) {
      throw new EcgParseError(
        fileName,
        `EDF+ data record ${record + 1} starts at ${parsed.recordStartS} s, not ${expectedStartS} s: discontinuous recordings are not supported`
      );
    }
    for (const a of parsed.annotations) {
      annotations.push({
        set: 'edf+',
        timeS: a.onsetS,
        ...(a.durationS !== undefined && a.durationS > 0 ? { endTimeS: a.onsetS + a.durationS } : {}),
        code: a.text,
      });
    }
  }
  return annotations;
}

function filtersFrom(prefiltering: string): Pick<AcquisitionInfo, 'highPassHz' | 'lowPassHz' | 'notchHz'> {
  const read = (key: string): number | undefined => {
    const match = new RegExp(`\\b${key}:\\s*([\\d.]+)\\s*Hz`, 'i').exec(prefiltering);
    return match?.[1] !== undefined ? Number(match[1]) : undefined;
  };
  const highPassHz = read('HP');
  const lowPassHz = read('LP');
  const notchHz = read('N');
  return {
    ...(highPassHz !== undefined ? { highPassHz } : {}),
    ...(lowPassHz !== undefined ? { lowPassHz } : {}),
    ...(notchHz !== undefined ? { notchHz } : {}),
  };
}

function parseEdf(source: ParseSource): EcgRecord {
  const { fileName, bytes } = source;
  const header = parseEdfHeader(bytes, fileName);
  const isEdfPlus = header.reserved.startsWith('EDF+');
  if (!(header.dataRecordDurationS > 0)) {
    throw new EcgParseError(fileName, `EDF data record duration is ${header.dataRecordDurationS} s`);
  }
  const { layouts, recordBytes } = layoutSignals(header);
  const recordCount = dataRecordCount(header, fileName, bytes.length - header.headerBytes, recordBytes);
  if (recordCount === 0) throw new EcgParseError(fileName, 'holds no data records');
  const warnings: string[] = [];
  const annotationLayout = layouts.find((l) => isEdfPlus && l.signal.label === ANNOTATION_LABEL);
  const waveformLayouts = layouts.filter((l) => l !== annotationLayout);
  const first = waveformLayouts[0];
  if (!first) throw new EcgParseError(fileName, 'holds no signals, only annotations');
  const rateOf = (l: SignalLayout): number =>
    Math.round((l.signal.samplesPerRecord / header.dataRecordDurationS) * 1e6) / 1e6;
  const sampleRateHz = rateOf(first);
  const leads: EcgLead[] = [];
  for (const layout of waveformLayouts) {
    const { signal } = layout;
    const uvPerUnit = uvPerUnitOf(signal.physicalDimension);
    if (uvPerUnit === undefined) {
      warnings.push(`signal '${signal.label}' is in '${signal.physicalDimension}', not a voltage; it was left out`);
      continue;
    }
    if (rateOf(layout) !== sampleRateHz) {
      warnings.push(`signal '${signal.label}' is sampled at ${rateOf(layout)} Hz, not ${sampleRateHz} Hz; it was left out`);
      continue;
    }
    if (signal.digitalMax <= signal.digitalMin || signal.physicalMax === signal.physicalMin) {
      throw new EcgParseError(
        fileName,
        `lead ${signal.label} has an empty calibration range (digital ${signal.digitalMin}…${signal.digitalMax}, physical ${signal.physicalMin}…${signal.physicalMax})`
      );
    }
    const name = canonicalLeadName(signal.label.replace(/^ECG\s+/i, ''));
    leads.push(decodeLead(bytes, header.headerBytes, layout, recordBytes, recordCount, uvPerUnit, name));
  }
  if (leads.length === 0) throw new EcgParseError(fileName, 'has no ECG signals in voltage units');
  const flat = leads.filter((lead) => lead.samplesUv.every((v) => v === lead.samplesUv[0])).map((lead) => lead.name);
  if (flat.length > 0) warnings.push(`leads ${flat.join(', ')} are flat (one value throughout): probably not recorded`);
  const identification = edfIdentification(header, isEdfPlus);
  const annotations = annotationLayout
    ? readAnnotations(bytes, header.headerBytes, annotationLayout, recordBytes, recordCount, header.dataRecordDurationS, fileName)
    : [];
  return {
    format: 'edf',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: { sampleRateHz, leads: withDerivedLimbLeads(leads) },
    patient: identification.patient,
    acquisition: { ...identification.acquisition, ...filtersFrom(first.signal.prefiltering) },
    statements: [],
    measurements: [],
    annotations,
    warnings,
  };
}

export const edfParser: EcgFormatParser = {
  format: 'edf',
  extensions: ['.edf'],
  sniff(source: ParseSource): boolean {
    const head = new TextDecoder('latin1').decode(source.bytes.subarray(0, 256));
    return head.length === 256 && head.startsWith('0       ') && /^\d+\s*$/.test(head.slice(184, 192));
  },
  parse: parseEdf,
};
