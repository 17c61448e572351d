/**
 * The typed result of our own ECG measurement (issue 6). Every value here is computed by us
 * (provenance 'computed'); the device's measurements stay on the record. A value that cannot be
 * measured is left out and its reason is given in `absent`, keyed by the value's path.
 */

/** dominant: the record's main QRS morphology; premature: that morphology, early; ectopic: another morphology. */
export type BeatType = 'dominant' | 'premature' | 'ectopic';

/** Wave boundaries in seconds; each absent where it was not measured. */
interface FiducialTimesS {
  pOnsetS?: number;
  pOffsetS?: number;
  qrsOnsetS?: number;
  qrsOffsetS?: number;
  tPeakS?: number;
  tOffsetS?: number;
}

/** One detected beat; times in seconds from the start of the record. */
export interface BeatMeasurement extends FiducialTimesS {
  rPeakS: number;
  type: BeatType;
}

export interface RrAnalysis {
  /** Successive RR intervals of all detected beats, in ms. */
  intervalsMs: number[];
  meanMs?: number;
  sdMs?: number;
  /** Root mean square of successive RR differences, ms. */
  rmssdMs?: number;
  /** Fraction of successive RR differences over 50 ms. */
  pnn50?: number;
  regularity: 'regular' | 'irregular' | 'unknown';
}

export type LeadProblem = 'missing' | 'flat' | 'noisy' | 'saturated';

export interface QualityFinding {
  lead: string;
  problem: LeadProblem | 'suspected limb-lead reversal';
  detail: string;
}

export interface LeadMeasurements {
  pAmplitudeUv?: number;
  qAmplitudeUv?: number;
  rAmplitudeUv?: number;
  sAmplitudeUv?: number;
  /** ST deviation at the J point (QRS offset) and 60 ms after it, from the PR (QRS onset) level. */
  stJUv?: number;
  stJ60Uv?: number;
  tAmplitudeUv?: number;
  quality: 'good' | LeadProblem;
}

/** Global fiducials of the median beat, in seconds from the start of the median beat. */
export type MedianFiducials = FiducialTimesS;

/** Representative beat per lead (µV, isoelectric level at QRS onset = 0) and its global fiducials. */
export interface MedianBeat {
  sampleRateHz: number;
  /** Position of the aligned R peak from the start of the median beat. */
  rPeakS: number;
  leads: { name: string; samplesUv: Float32Array }[];
  fiducials: MedianFiducials;
  /** How many beats were combined. */
  beatCount: number;
}

export interface Statement {
  text: string;
  /** The rule that fired, with the numbers it used. */
  rule: string;
}

/** Pacing spikes found in the record (pacing-spikes.ts) and the beats they lead. */
export interface PacingFindings {
  /** Each spike's time, seconds from the start of the record. */
  spikeTimesS: number[];
  /** Beats with a spike shortly before their QRS, of `beatCount` detected. */
  pacedBeatCount: number;
  beatCount: number;
}

export type QtcFormula = 'bazett' | 'fridericia' | 'framingham' | 'hodges';

export interface Measurements {
  provenance: 'computed';
  sampleRateHz: number;
  heartRateBpm?: number;
  rrMs?: number;
  prMs?: number;
  pDurationMs?: number;
  qrsMs?: number;
  qtMs?: number;
  qtcMs: Partial<Record<QtcFormula, number>>;
  axesDeg: { p?: number; qrs?: number; t?: number };
  beats: BeatMeasurement[];
  rr: RrAnalysis;
  leads: Record<string, LeadMeasurements>;
  medianBeat?: MedianBeat;
  statements: Statement[];
  /** Present when pacing spikes lead at least half of the beats. */
  pacing?: PacingFindings;
  quality: QualityFinding[];
  /** Why a value is absent, keyed by its path: "prMs", "qtcMs.bazett", "axesDeg.p", "leads.V1.qAmplitudeUv". */
  absent: Record<string, string>;
}
