/**
 * The measurement calls of the contract: our computed values, the device's own, and a named reader's
 * edits, each value with its provenance. Also the one definition of how the intervals follow from the
 * fiducials (the median beat's, or one beat's), shared by main (which stores them) and the renderer
 * (which previews a drag).
 */
import { z } from 'zod';
import type { SourceMeasurement } from '../ecg/record.ts';
import { correctQt } from '../measurements/qtc.ts';
import type { BeatType, LeadMeasurements, QtcFormula, QualityFinding, RrAnalysis, Statement } from '../measurements/types.ts';

export const FIDUCIAL_NAMES = ['pOnset', 'pOffset', 'qrsOnset', 'qrsOffset', 'tPeak', 'tOffset'] as const;
export type FiducialName = (typeof FIDUCIAL_NAMES)[number];
export type FiducialTimesS = Partial<Record<FiducialName, number>>;

export const FIDUCIAL_LABELS: Record<FiducialName, string> = {
  pOnset: 'Pon',
  pOffset: 'Poff',
  qrsOnset: 'QRSon',
  qrsOffset: 'QRSoff',
  tPeak: 'Tpeak',
  tOffset: 'Tend',
};

/** Our global values, by the paths Measurements.absent uses for them. */
export const GLOBAL_VALUE_UNITS = {
  heartRateBpm: 'bpm',
  rrMs: 'ms',
  prMs: 'ms',
  pDurationMs: 'ms',
  qrsMs: 'ms',
  qtMs: 'ms',
  'qtcMs.bazett': 'ms',
  'qtcMs.fridericia': 'ms',
  'qtcMs.framingham': 'ms',
  'qtcMs.hodges': 'ms',
  'axesDeg.p': 'deg',
  'axesDeg.qrs': 'deg',
  'axesDeg.t': 'deg',
} as const;
export type GlobalValueName = keyof typeof GLOBAL_VALUE_UNITS;

/** Values a fiducial edit recomputes; the others (rate, axes) stay as computed. */
export type IntervalValues = Partial<Record<'prMs' | 'pDurationMs' | 'qrsMs' | 'qtMs' | `qtcMs.${QtcFormula}`, number>>;

/** The fiducials each interval is measured between: an interval follows (and is 'edited' with) them. */
export const INTERVAL_FIDUCIALS: Record<keyof IntervalValues, readonly FiducialName[]> = {
  prMs: ['pOnset', 'qrsOnset'],
  pDurationMs: ['pOnset', 'pOffset'],
  qrsMs: ['qrsOnset', 'qrsOffset'],
  qtMs: ['qrsOnset', 'tOffset'],
  'qtcMs.bazett': ['qrsOnset', 'tOffset'],
  'qtcMs.fridericia': ['qrsOnset', 'tOffset'],
  'qtcMs.framingham': ['qrsOnset', 'tOffset'],
  'qtcMs.hodges': ['qrsOnset', 'tOffset'],
};

const ms = (fromS: number, toS: number): number => Math.round((toS - fromS) * 1000);

/** PR = QRS on − P on; P = P off − P on; QRS = QRS off − QRS on; QT = T off − QRS on; QTc by all four formulas from the mean RR. */
export function intervalsFromFiducials(fiducials: FiducialTimesS, rrMeanMs: number | undefined): IntervalValues {
  const { pOnset, pOffset, qrsOnset, qrsOffset, tOffset } = fiducials;
  const values: IntervalValues = {};
  if (qrsOnset !== undefined && pOnset !== undefined) values.prMs = ms(pOnset, qrsOnset);
  if (pOnset !== undefined && pOffset !== undefined) values.pDurationMs = ms(pOnset, pOffset);
  if (qrsOnset !== undefined && qrsOffset !== undefined) values.qrsMs = ms(qrsOnset, qrsOffset);
  if (qrsOnset !== undefined && tOffset !== undefined) {
    values.qtMs = ms(qrsOnset, tOffset);
    if (rrMeanMs !== undefined && rrMeanMs > 0) {
      const qtc = correctQt(values.qtMs, rrMeanMs);
      for (const formula of Object.keys(qtc) as QtcFormula[]) values[`qtcMs.${formula}`] = Math.round(qtc[formula]);
    }
  }
  return values;
}

/**
 * One beat's own PR, P, QRS, QT, and QTc corrected with the RR that precedes it (absent for the first
 * beat, whose preceding RR the record does not hold).
 */
export function beatIntervals(beats: readonly Pick<BeatFiducials, 'rPeakS' | 'fiducials'>[], beatIndex: number): IntervalValues {
  const beat = beats[beatIndex];
  if (!beat) return {};
  const previous = beats[beatIndex - 1];
  return intervalsFromFiducials(beat.fiducials, previous ? (beat.rPeakS - previous.rPeakS) * 1000 : undefined);
}

/** The order fiducials must keep on the median beat and on each beat; a drag past a neighbour is refused. */
export function fiducialOrderProblem(fiducials: FiducialTimesS): string | undefined {
  const present = FIDUCIAL_NAMES.filter((name) => fiducials[name] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const before = present[i - 1];
    const after = present[i];
    const beforeS = fiducials[before] ?? 0;
    const afterS = fiducials[after] ?? 0;
    // P offset may touch QRS onset (no PR segment); every other pair must strictly follow.
    const touching = before === 'pOffset' && after === 'qrsOnset';
    if (touching ? afterS < beforeS : afterS <= beforeS) {
      return `${FIDUCIAL_LABELS[after]} (${afterS.toFixed(3)} s) must come after ${FIDUCIAL_LABELS[before]} (${beforeS.toFixed(3)} s)`;
    }
  }
  return undefined;
}

export type ValueProvenance = 'computed' | 'device' | 'edited';

export interface ProvenancedValue {
  value: number;
  unit: string;
  provenance: 'computed' | 'edited';
  /** Set when edited: who, when, and the value we computed before. */
  reader?: string;
  editedAt?: string;
  computedValue?: number;
}

export interface ProvenancedFiducial {
  /** Seconds from the start of the median beat. */
  timeS: number;
  provenance: 'computed' | 'edited';
  reader?: string;
  editedAt?: string;
  /** What we computed (absent when the reader placed a fiducial we could not find). */
  computedTimeS?: number;
}

export interface DeviceMeasurement extends SourceMeasurement {
  provenance: 'device';
}

/** Who moved one beat's fiducial: by hand on the rhythm strip, or with the median beat's edit. */
export interface BeatFiducialEdit {
  byHand: boolean;
  reader: string;
  editedAt: string;
  /** What we computed for this beat (absent when the beat had no such fiducial of its own). */
  computedTimeS?: number;
}

/**
 * One beat on the rhythm strip. Its fiducials (seconds from the record start) follow the median
 * beat's edits, except those a reader placed on this beat by hand.
 */
export interface BeatFiducials {
  rPeakS: number;
  type: BeatType;
  fiducials: FiducialTimesS;
  /** True when any of its fiducials is not where we computed it. */
  edited: boolean;
  edits: Partial<Record<FiducialName, BeatFiducialEdit>>;
}

export interface MeasurementEdit {
  id: number;
  at: string;
  reader: string;
  action: 'edit' | 'revert';
  /**
   * 'fiducial.qrsOffset' for a dragged median-beat fiducial, 'beat.4.qrsOffset' for one beat's, or the
   * value it changed, e.g. 'qrsMs' or 'beat.4.qrsMs'.
   */
  target: string;
  oldValue: number | null;
  newValue: number | null;
  reason?: string;
}

export interface MedianBeatView {
  sampleRateHz: number;
  rPeakS: number;
  beatCount: number;
  leads: { name: string; samplesUv: Float32Array }[];
}

export interface RecordMeasurements {
  recordId: number;
  engineVersion: string;
  computedAt: string;
  sampleRateHz: number;
  /** Ours: computed, or edited by a named reader. Absent values are in `absent` with the reason. */
  values: Partial<Record<GlobalValueName, ProvenancedValue>>;
  /** The mean RR the QTc formulas correct with, unrounded. */
  rrMeanMs?: number;
  medianBeat?: MedianBeatView;
  fiducials: Partial<Record<FiducialName, ProvenancedFiducial>>;
  beats: BeatFiducials[];
  rr: RrAnalysis;
  leads: Record<string, LeadMeasurements>;
  /** Our classical statements from the current (edited where edited) values, each with its rule. */
  statements: Statement[];
  quality: QualityFinding[];
  /** Why a value is withheld or absent, keyed by its path ("prMs", "leads.V1", "leads.V1.qAmplitudeUv"). */
  absent: Record<string, string>;
  /** What the device or file reported, kept apart and unchanged. */
  device: DeviceMeasurement[];
  /** Every edit and revert, oldest first. */
  edits: MeasurementEdit[];
}

const recordIdArg = z.number().int().positive();
const fiducialArg = z.enum(FIDUCIAL_NAMES);
const reasonArg = z.string().trim().max(500).optional();

export const recordMeasurementsArgs = z.object({ id: recordIdArg });
export const editFiducialArgs = z.object({
  recordId: recordIdArg,
  fiducial: fiducialArg,
  /** Seconds from the start of the median beat (which is never longer than a few seconds). */
  timeS: z.number().finite().min(0).max(10),
  reason: reasonArg,
});
const beatIndexArg = z.number().int().min(0);
export const editBeatFiducialArgs = z.object({
  recordId: recordIdArg,
  /** The beat's index in RecordMeasurements.beats. */
  beatIndex: beatIndexArg,
  fiducial: fiducialArg,
  /** Seconds from the start of the record; main checks it lies inside the record and the beat. */
  timeS: z.number().finite().min(0),
  reason: reasonArg,
});
export const revertMeasurementsArgs = z.object({
  recordId: recordIdArg,
  /** With beatIndex: that beat's fiducial placed by hand; alone: the median beat's; neither: every edit of the record. */
  fiducial: fiducialArg.optional(),
  /** One beat's hand edits (its one fiducial when fiducial is given); the median beat's edits stay. */
  beatIndex: beatIndexArg.optional(),
  reason: reasonArg,
});
export type EditFiducialArgs = z.infer<typeof editFiducialArgs>;
export type EditBeatFiducialArgs = z.infer<typeof editBeatFiducialArgs>;
export type RevertMeasurementsArgs = z.infer<typeof revertMeasurementsArgs>;

/** The reader's name as settings holds it (settings.set readerName). */
export const readerNameSchema = z.string().trim().min(1).max(80);

/** The measurement calls, merged into API (api.ts); main validates every argument with these schemas. */
export const MEASUREMENT_API = {
  'record.measurements': { args: recordMeasurementsArgs, result: null as unknown as RecordMeasurements },
  'measurement.editFiducial': { args: editFiducialArgs, result: null as unknown as RecordMeasurements },
  'measurement.editBeatFiducial': { args: editBeatFiducialArgs, result: null as unknown as RecordMeasurements },
  'measurement.revert': { args: revertMeasurementsArgs, result: null as unknown as RecordMeasurements },
} as const;
