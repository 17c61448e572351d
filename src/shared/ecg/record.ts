/**
 * The one in-memory shape of an ECG, whatever file it came from (DESIGN.md, "The ECG record").
 * Pure data: no Node, DOM or Electron types, so workers, the renderer and tests share it.
 */

export type EcgFormat =
  | 'wfdb'
  | 'dicom'
  | 'hl7-aecg'
  | 'ge-muse'
  | 'philips-sierra'
  | 'scp-ecg'
  | 'edf'
  | 'ishne'
  | 'csv';

export interface EcgLead {
  /** Canonical name where one applies (I, II, III, aVR, aVL, aVF, V1–V6, V3R, V4R, V7, X, Y, Z …), else the source's label. */
  name: string;
  /** True when computed from other leads (III, aVR, aVL, aVF from I and II), not recorded. */
  derived: boolean;
  /** Samples in microvolts, one per sample period; NaN marks a sample the source declared missing. */
  samplesUv: Float32Array;
  /**
   * Quantisation step of the source in µV (one ADC count), when the source is integer-coded.
   * Storage uses it to keep the waveform losslessly as integers.
   */
  resolutionUv?: number;
}

/** A group of leads sharing one sampling rate: the rhythm data, or one representative (median) beat. */
export interface EcgWaveformSet {
  sampleRateHz: number;
  /** In canonical order: I, II, III, aVR, aVL, aVF, V1–V6, then any others in source order. */
  leads: EcgLead[];
}

export type Sex = 'M' | 'F' | 'U';

export interface PatientDemographics {
  id?: string;
  familyName?: string;
  givenName?: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate?: string;
  ageYears?: number;
  sex?: Sex;
  heightCm?: number;
  weightKg?: number;
  race?: string;
}

export interface AcquisitionInfo {
  /** ISO 8601 local date-time of acquisition, as the source states it (no time zone is invented). */
  dateTime?: string;
  manufacturer?: string;
  device?: string;
  softwareVersion?: string;
  site?: string;
  location?: string;
  /** Filters the device applied (as stated by the source). */
  highPassHz?: number;
  lowPassHz?: number;
  notchHz?: number;
  /** Free-text comments carried by the source header that are not statements. */
  comments?: string[];
}

/** Who produced a statement carried by the source file. Never our own analysis or the AI's. */
export type StatementSource = 'device' | 'physician' | 'label' | 'source';

export interface SourceStatement {
  text: string;
  source: StatementSource;
  /** Coded form where the source gives one, e.g. a SNOMED CT concept id from a PhysioNet `#Dx:` line. */
  code?: string;
  codeSystem?: string;
  /** Vendor severity or flag text, when given (e.g. Philips "Abnormal ECG"). */
  severity?: string;
}

/**
 * A measurement reported by the device or file. Well-known global ones use these names:
 * heartRateBpm, rrMs, prMs, pDurationMs, qrsMs, qtMs, qtcMs, pAxisDeg, qrsAxisDeg, tAxisDeg.
 */
export interface SourceMeasurement {
  name: string;
  value: number;
  unit: string;
  /** Lead the value belongs to; absent for global measurements. */
  lead?: string;
  /** The vendor's own label, kept for display and audit. */
  sourceLabel?: string;
}

/**
 * An annotation carried by the source: a beat label (MIT-BIH .atr, ISHNE .ann) or a wave boundary
 * (HL7 aECG, DICOM). Sets are kept apart by `set` (e.g. "rhythm", "median beat", "atr").
 */
export interface SourceAnnotation {
  set: string;
  /** Seconds from the start of the waveform the annotation belongs to. */
  timeS: number;
  /** End time for interval annotations (e.g. a P wave from onset to offset). */
  endTimeS?: number;
  /** The source's code, e.g. "N", "V", "MDC_ECG_WAVC_PWAVE". */
  code: string;
  description?: string;
  lead?: string;
}

export interface EcgRecord {
  format: EcgFormat;
  /** Base name of the primary file the record was read from. */
  sourceFile: string;
  /** Every file read to build it (primary first, then e.g. WFDB .dat, ISHNE .ann). */
  sourceFiles: string[];
  /** The rhythm (continuous) data. */
  rhythm: EcgWaveformSet;
  /** Representative beats, where the source carries them. */
  medianBeats?: EcgWaveformSet;
  patient: PatientDemographics;
  acquisition: AcquisitionInfo;
  statements: SourceStatement[];
  measurements: SourceMeasurement[];
  annotations: SourceAnnotation[];
  /** Non-fatal problems the parser worked around (e.g. a damaged demographic section). */
  warnings: string[];
}

export function recordSampleCount(set: EcgWaveformSet): number {
  return set.leads.reduce((n, lead) => Math.max(n, lead.samplesUv.length), 0);
}

export function recordDurationS(set: EcgWaveformSet): number {
  return recordSampleCount(set) / set.sampleRateHz;
}
