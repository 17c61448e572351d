/**
 * Measures a record's rhythm data: signal quality, beats, RR, median beats, delineation,
 * intervals, QTc, axes, per-lead amplitudes and classical statements. Pure: typed arrays in, a
 * Measurements object out; every value is ours ('computed'), absent values carry a reason.
 */
import type { EcgWaveformSet, Sex } from '../ecg/record.ts';
import { frontalAxisDeg } from './axes.ts';
import { classifyBeats, type TypedBeat } from './beat-classifier.ts';
import { delineateBeats, type BeatFiducials, type FiducialName } from './beat-delineation.ts';
import { delineateMedianBeat } from './delineation.ts';
import { median, quantile, zeroPhaseFilterLeads } from './filters.ts';
import { leadAmplitudes } from './lead-amplitudes.ts';
import { suspectedArmReversal } from './limb-reversal.ts';
import { medianBeatOfLead } from './median-beat.ts';
import { blankPacingSpikes, detectPacingSpikes, spikesLeadingBeats } from './pacing-spikes.ts';
import { pWaveConsistency } from './p-wave-consistency.ts';
import { detectQrs } from './qrs-detector.ts';
import { correctQt } from './qtc.ts';
import { analyseRr } from './rr-analysis.ts';
import { assessLeads, qualityFindings } from './signal-quality.ts';
import { classicalStatements } from './statements.ts';
import type { BeatMeasurement, Measurements, QtcFormula } from './types.ts';

export const MIN_SAMPLE_RATE_HZ = 100;
export const MAX_SAMPLE_RATE_HZ = 2000;
/** The RR quantile that bounds the T-wave search: a quarter of the beats may come earlier. */
const SHORT_RR_QUANTILE = 0.25;
/**
 * The typical beat's P segment must correlate this well with the beats' median P segment. On
 * LUDB 1–100 every sinus record reached 0.85; flutter and fibrillation residues scored near 0.5.
 */
const MIN_P_CONSISTENCY = 0.7;
/** Pacing spikes must lead at least this fraction of the beats for the rhythm to count as paced. */
const MIN_PACED_FRACTION = 0.5;
const QTC_FORMULAS: readonly QtcFormula[] = ['bazett', 'fridericia', 'framingham', 'hodges'];

export interface PatientContext {
  ageYears?: number;
  sex?: Sex;
}

export interface MeasureOptions {
  /** The QTc formula the statements judge by (the site's choice). */
  qtcFormula?: QtcFormula;
}

/** Why each group of global values is missing; the first failing stage names it. */
interface Reasons {
  all?: string;
  p?: string;
  t?: string;
  axes?: string;
}

function withoutGaps(x: Float32Array): Float32Array {
  let finite = true;
  for (let i = 0; i < x.length && finite; i++) finite = Number.isFinite(x[i]);
  if (finite) return x;
  const out = new Float32Array(x.length);
  let last = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) last = x[i];
    out[i] = last;
  }
  return out;
}

function recordAbsent(m: Measurements, reasons: Reasons): void {
  const set = (key: string, present: boolean, reason: string | undefined) => {
    if (!present) m.absent[key] = reason ?? reasons.all ?? 'not measured';
  };
  set('heartRateBpm', m.heartRateBpm !== undefined, reasons.all);
  set('rrMs', m.rrMs !== undefined, reasons.all);
  set('medianBeat', m.medianBeat !== undefined, reasons.all);
  set('qrsMs', m.qrsMs !== undefined, reasons.all);
  set('prMs', m.prMs !== undefined, reasons.all ?? reasons.p);
  set('pDurationMs', m.pDurationMs !== undefined, reasons.all ?? reasons.p);
  set('qtMs', m.qtMs !== undefined, reasons.all ?? reasons.t);
  for (const f of QTC_FORMULAS) set(`qtcMs.${f}`, m.qtcMs[f] !== undefined, reasons.all ?? reasons.t);
  set('axesDeg.qrs', m.axesDeg.qrs !== undefined, reasons.all ?? reasons.axes);
  set('axesDeg.p', m.axesDeg.p !== undefined, reasons.all ?? reasons.p ?? reasons.axes);
  set('axesDeg.t', m.axesDeg.t !== undefined, reasons.all ?? reasons.t ?? reasons.axes);
}

const round = (value: number) => Math.round(value);

/**
 * Per-beat fiducials in seconds: each beat of the median beat's morphology gets its own
 * (beat-delineation.ts); ectopic beats keep only their R peak and type.
 */
function beatFiducials(typed: readonly TypedBeat[], perBeat: readonly (BeatFiducials | undefined)[], fs: number, sampleCount: number): BeatMeasurement[] {
  return typed.map((b, i) => {
    const beat: BeatMeasurement = { rPeakS: b.index / fs, type: b.type };
    const fiducials = perBeat[i];
    if (b.type === 'ectopic' || !fiducials) return beat;
    const at = (name: FiducialName) => {
      const sample = fiducials[name]?.sample;
      return sample !== undefined && sample >= 0 && sample < sampleCount ? sample / fs : undefined;
    };
    const fields = {
      pOnsetS: at('pOnset'),
      pOffsetS: at('pOffset'),
      qrsOnsetS: at('qrsOnset'),
      qrsOffsetS: at('qrsOffset'),
      tPeakS: at('tPeak'),
      tOffsetS: at('tOffset'),
    };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(beat, { [key]: value });
    return beat;
  });
}

export function measureRecord(rhythm: EcgWaveformSet, patient: PatientContext = {}, options: MeasureOptions = {}): Measurements {
  const fs = rhythm.sampleRateHz;
  const m: Measurements = {
    provenance: 'computed',
    sampleRateHz: fs,
    qtcMs: {},
    axesDeg: {},
    beats: [],
    rr: { intervalsMs: [], regularity: 'unknown' },
    leads: {},
    statements: [],
    quality: [],
    absent: {},
  };
  const reasons: Reasons = {};
  const finish = (): Measurements => {
    recordAbsent(m, reasons);
    m.statements = classicalStatements(m, patient, options.qtcFormula);
    return m;
  };
  if (!(fs >= MIN_SAMPLE_RATE_HZ && fs <= MAX_SAMPLE_RATE_HZ)) {
    reasons.all = `sampling rate ${fs} Hz is outside the ${MIN_SAMPLE_RATE_HZ}–${MAX_SAMPLE_RATE_HZ} Hz we measure`;
    return finish();
  }
  const qualities = assessLeads(rhythm.leads.map((lead) => lead.samplesUv), fs);
  m.quality = qualityFindings(rhythm.leads.map((l) => l.name), qualities);
  rhythm.leads.forEach((lead, i) => {
    const { problem, detail } = qualities[i];
    if (problem) {
      m.leads[lead.name] = { quality: problem };
      m.absent[`leads.${lead.name}`] = `lead withheld: ${problem}${detail ? ` (${detail})` : ''}`;
    }
  });
  const usable = rhythm.leads
    .filter((_, i) => !qualities[i].problem)
    .map((lead) => ({ name: lead.name, derived: lead.derived, samplesUv: withoutGaps(lead.samplesUv) }));
  if (usable.length === 0) {
    reasons.all = 'no lead of usable quality';
    return finish();
  }

  // Recorded leads carry all the information; derived ones would only weight I and II twice.
  const recorded = usable.filter((l) => !l.derived);
  const independent = recorded.length > 0 ? recorded : usable;
  const detection = detectQrs(independent.map((l) => l.samplesUv), fs);
  if (detection.qrsIndices.length < 2) {
    reasons.all = `${detection.qrsIndices.length === 0 ? 'no beat' : 'only one beat'} detected; at least two are needed`;
    m.beats = detection.qrsIndices.map((index) => ({ rPeakS: index / fs, type: 'dominant' }));
    return finish();
  }
  const spikes = detectPacingSpikes(independent.map((l) => l.samplesUv), fs);
  const leadingSpikes = spikesLeadingBeats(spikes, detection.qrsIndices, fs);
  const pacedBeatCount = leadingSpikes.filter((s) => s !== undefined).length;
  const paced = pacedBeatCount >= 2 && pacedBeatCount >= MIN_PACED_FRACTION * detection.qrsIndices.length;
  if (paced) {
    m.pacing = { spikeTimesS: spikes.map((s) => s / fs), pacedBeatCount, beatCount: detection.qrsIndices.length };
    // The stimulus is no part of the heart's signal: every later stage sees it blanked.
    for (const lead of usable) lead.samplesUv = blankPacingSpikes(lead.samplesUv, spikes, fs);
  }
  const filtered = zeroPhaseFilterLeads(independent.map((l) => l.samplesUv), fs, { highPassHz: 1, lowPassHz: 40 });
  const typed = classifyBeats(filtered, detection.qrsIndices, fs);
  m.rr = analyseRr(typed.map((b) => b.index / fs));
  const meanRrMs = m.rr.meanMs ?? 0;
  m.rrMs = round(meanRrMs);
  m.heartRateBpm = round(60000 / meanRrMs);
  const sampleCount = usable[0].samplesUv.length;
  m.beats = beatFiducials(typed, [], fs, sampleCount);

  let template = typed.filter((b) => b.type === 'dominant');
  if (template.length < 2) template = typed.filter((b) => b.type !== 'ectopic');
  if (template.length === 0) template = [...typed];
  const rrSamples = typed.slice(1).map((b, i) => b.index - typed[i].index);
  const typicalRrS = (median(rrSamples) ?? (meanRrMs * fs) / 1000) / fs;
  const shortRrS = (quantile(rrSamples, SHORT_RR_QUANTILE) ?? typicalRrS * fs) / fs;
  const before = Math.round(Math.min(0.4, 0.5 * typicalRrS + 0.1) * fs);
  const after = Math.round(Math.min(0.75, Math.max(0.35, typicalRrS)) * fs);
  const medians = usable
    .map((l) => ({ name: l.name, beat: medianBeatOfLead(l.samplesUv, template.map((b) => b.index), { before, after }, fs) }))
    .filter((l): l is { name: string; beat: Float32Array } => l.beat !== undefined);
  if (medians.length === 0) {
    reasons.all = 'no beat lies wholly inside the record, so no median beat can be formed';
    return finish();
  }
  // Where the template beats' spikes fall in the median beat: the QRS cannot start before the stimulus ends.
  const templateIndices = template.map((b) => b.index);
  const spikeLags = paced
    ? spikesLeadingBeats(spikes, templateIndices, fs).flatMap((spike, i) => (spike === undefined ? [] : [templateIndices[i] - spike]))
    : [];
  const spikeLag = median(spikeLags);
  const pacingSpike = spikeLag === undefined ? undefined : before - Math.round(spikeLag);
  const delineation = delineateMedianBeat(medians.map((l) => l.beat), before, fs, { typicalS: typicalRrS, shortS: shortRrS }, pacingSpike);
  const fid = delineation.fiducials;
  if (!fid) {
    reasons.all = delineation.absent.qrs ?? 'the median beat could not be delineated';
    return finish();
  }
  reasons.p = delineation.absent.p;
  if (fid.pOnset !== undefined && fid.pOffset !== undefined) {
    const consistency = pWaveConsistency(filtered, template.map((b) => b.index), fid.pOnset - before, fid.pOffset - before);
    if (consistency !== undefined && consistency < MIN_P_CONSISTENCY) {
      delete fid.pOnset;
      delete fid.pOffset;
      reasons.p =
        `no P wave: the median beat's P-like wave does not recur in the single beats ` +
        `(correlation ${consistency.toFixed(2)} < ${MIN_P_CONSISTENCY}), as in atrial fibrillation or flutter`;
    }
  }
  reasons.t = delineation.absent.t;

  // Level every median lead to its isoelectric (QRS-onset) level.
  const levelWidth = Math.max(1, Math.round(0.01 * fs));
  for (const { beat } of medians) {
    let sum = 0;
    for (let k = fid.qrsOnset - levelWidth; k < fid.qrsOnset; k++) sum += beat[Math.max(0, k)];
    const level = sum / levelWidth;
    for (let k = 0; k < beat.length; k++) beat[k] -= level;
  }
  const seconds = (index: number | undefined) => (index === undefined ? undefined : index / fs);
  m.medianBeat = {
    sampleRateHz: fs,
    rPeakS: before / fs,
    leads: medians.map((l) => ({ name: l.name, samplesUv: l.beat })),
    fiducials: {
      pOnsetS: seconds(fid.pOnset),
      pOffsetS: seconds(fid.pOffset),
      qrsOnsetS: seconds(fid.qrsOnset),
      qrsOffsetS: seconds(fid.qrsOffset),
      tPeakS: seconds(fid.tPeak),
      tOffsetS: seconds(fid.tOffset),
    },
    beatCount: template.length,
  };
  const perBeat = delineateBeats({
    leads: filtered,
    beatIndices: typed.map((b) => b.index),
    delineate: typed.map((b) => b.type !== 'ectopic'),
    templateIndices,
    fiducials: fid,
    rIndex: before,
    sampleRateHz: fs,
  });
  m.beats = beatFiducials(typed, perBeat, fs, sampleCount);

  const ms = (samples: number) => round((samples * 1000) / fs);
  m.qrsMs = ms(fid.qrsOffset - fid.qrsOnset);
  if (fid.pOnset !== undefined && fid.pOffset !== undefined) {
    m.prMs = ms(fid.qrsOnset - fid.pOnset);
    m.pDurationMs = ms(fid.pOffset - fid.pOnset);
  }
  if (fid.tOffset !== undefined) {
    m.qtMs = ms(fid.tOffset - fid.qrsOnset);
    const qtc = correctQt(m.qtMs, meanRrMs);
    for (const f of QTC_FORMULAS) m.qtcMs[f] = round(qtc[f]);
  }

  const byName = new Map(medians.map((l) => [l.name, l.beat]));
  const frontal = { leadI: byName.get('I'), leadII: byName.get('II'), leadAvf: byName.get('aVF') };
  reasons.axes = 'leads I and aVF (or I and II) are not both usable';
  const axis = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? undefined : frontalAxisDeg(frontal, from, to);
  m.axesDeg = { qrs: axis(fid.qrsOnset, fid.qrsOffset), p: axis(fid.pOnset, fid.pOffset), t: axis(fid.qrsOffset, fid.tOffset) };
  for (const key of ['p', 'qrs', 't'] as const) if (m.axesDeg[key] === undefined) delete m.axesDeg[key];

  for (const { name, beat } of medians) {
    const { values, absent } = leadAmplitudes(beat, fid, fs);
    m.leads[name] = { ...values, quality: 'good' };
    for (const [key, reason] of Object.entries(absent)) m.absent[`leads.${name}.${key}`] = reason;
  }
  const reversal = suspectedArmReversal(m.leads.I);
  if (reversal) m.quality.push(reversal);
  return finish();
}
