/**
 * MUSE `<Waveform>` blocks (Rhythm, Median) to waveform sets: base64 little-endian int16 per lead,
 * scaled by LeadAmplitudeUnitsPerBit, checked against LeadDataCRC32, with III, aVR, aVL and aVF
 * derived from I and II where the file stores only the eight independent leads.
 */
import { crc32 } from 'node:zlib';
import { EcgParseError } from '../parser.ts';
import type { EcgLead, EcgWaveformSet } from '../../../../shared/ecg/record.ts';
import { canonicalLeadName, withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import { children, numberAt, textAt, type XmlElement } from './xml-tree.ts';
import { decodeBase64Strict } from './strict-base64.ts';

const UV_PER_UNIT: Record<string, number> = { MICROVOLTS: 1, MILLIVOLTS: 1000, NANOVOLTS: 0.001 };

export interface MuseWaveform {
  type: string;
  set: EcgWaveformSet;
  highPassHz?: number;
  lowPassHz?: number;
  notchHz?: number;
}

/** SampleBase × 10^SampleExponent, the way MUSE states a rate. */
export function museRateHz(base: number | undefined, exponent: number | undefined): number | undefined {
  if (base === undefined || !(base > 0)) return undefined;
  return base * 10 ** (exponent ?? 0);
}

function decodeLead(leadData: XmlElement, waveformType: string, fileName: string, warnings: string[]): EcgLead {
  const label = textAt(leadData, 'LeadID');
  if (label === undefined) throw new EcgParseError(fileName, `a ${waveformType} lead has no LeadID`);
  const where = `${waveformType} lead ${label}`;
  const sampleSize = numberAt(leadData, 'LeadSampleSize') ?? 2;
  if (sampleSize !== 2) throw new EcgParseError(fileName, `${where} has ${sampleSize}-byte samples; only 2-byte samples are defined`);
  const unitsPerBit = numberAt(leadData, 'LeadAmplitudeUnitsPerBit');
  if (unitsPerBit === undefined || !(unitsPerBit > 0)) {
    throw new EcgParseError(fileName, `${where} has no valid LeadAmplitudeUnitsPerBit`);
  }
  const units = (textAt(leadData, 'LeadAmplitudeUnits') ?? 'MICROVOLTS').toUpperCase();
  const uvPerUnit = UV_PER_UNIT[units];
  if (uvPerUnit === undefined) throw new EcgParseError(fileName, `${where} has unknown amplitude units '${units}'`);
  const bytes = decodeBase64Strict(textAt(leadData, 'WaveFormData') ?? '');
  if (bytes === undefined) throw new EcgParseError(fileName, `${where}: WaveFormData is not valid base64`);
  if (bytes.length === 0) throw new EcgParseError(fileName, `${where} has no samples`);
  const byteCount = numberAt(leadData, 'LeadByteCountTotal');
  if (byteCount !== undefined && byteCount !== bytes.length) {
    throw new EcgParseError(fileName, `${where} holds ${bytes.length} bytes but LeadByteCountTotal says ${byteCount}`);
  }
  if (bytes.length % 2 !== 0) throw new EcgParseError(fileName, `${where} holds an odd number of bytes (${bytes.length})`);
  const sampleCount = bytes.length / 2;
  const declaredSamples = numberAt(leadData, 'LeadSampleCountTotal');
  if (declaredSamples !== undefined && declaredSamples !== sampleCount) {
    throw new EcgParseError(fileName, `${where} holds ${sampleCount} samples but LeadSampleCountTotal says ${declaredSamples}`);
  }
  const declaredCrc = numberAt(leadData, 'LeadDataCRC32');
  if (declaredCrc !== undefined && crc32(bytes) !== declaredCrc) {
    throw new EcgParseError(fileName, `${where} fails its LeadDataCRC32 check: the waveform data are damaged`);
  }
  const baseline = numberAt(leadData, 'FirstSampleBaseline');
  if (baseline !== undefined && baseline !== 0) warnings.push(`${where}: FirstSampleBaseline ${baseline} was not applied`);
  const resolutionUv = unitsPerBit * uvPerUnit;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samplesUv = new Float32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) samplesUv[i] = view.getInt16(2 * i, true) * resolutionUv;
  return { name: canonicalLeadName(label), derived: false, samplesUv, resolutionUv };
}

/** Decodes one `<Waveform>` element; the measurement block's ECGSampleBase is the fallback rate. */
export function decodeMuseWaveform(
  waveform: XmlElement,
  fallbackRateHz: number | undefined,
  fileName: string,
  warnings: string[]
): MuseWaveform {
  const type = textAt(waveform, 'WaveformType') ?? 'Unknown';
  const sampleRateHz = museRateHz(numberAt(waveform, 'SampleBase'), numberAt(waveform, 'SampleExponent')) ?? fallbackRateHz;
  if (sampleRateHz === undefined) throw new EcgParseError(fileName, `the ${type} waveform states no sample rate`);
  const leadElements = children(waveform, 'LeadData');
  if (leadElements.length === 0) throw new EcgParseError(fileName, `the ${type} waveform has no LeadData`);
  const leads = leadElements.map((leadData) => decodeLead(leadData, type, fileName, warnings));
  const highPass = numberAt(waveform, 'HighPassFilter');
  return {
    type,
    set: { sampleRateHz, leads: withDerivedLimbLeads(leads) },
    // MUSE states the high-pass corner in hundredths of a hertz (16 = 0.16 Hz) and the others in hertz.
    highPassHz: highPass === undefined ? undefined : highPass / 100,
    lowPassHz: numberAt(waveform, 'LowPassFilter'),
    notchHz: numberAt(waveform, 'ACFilter'),
  };
}
