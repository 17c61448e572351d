/**
 * Reference wave boundaries from expert annotation files, per beat, for validating our
 * measurements: LUDB (one file per lead, combined here across leads) and QTDB (.q1c).
 * Times are in samples of the record.
 */
import type { WfdbAnnotation } from '../src/main/core/formats/wfdb/annotations.ts';

export interface ReferenceBeat {
  qrsPeak: number;
  pOnset?: number;
  qrsOnset?: number;
  qrsOffset?: number;
  tOffset?: number;
}

interface Wave {
  kind: 'p' | 'N' | 't';
  peak: number;
  onset?: number;
  offset?: number;
}

const WAVE_CODES = new Set(['p', 'N', 't']);

/** Waves of one annotation file: each peak mark with the '(' just before and ')' just after it. */
export function wavesOf(annotations: readonly WfdbAnnotation[]): Wave[] {
  const waves: Wave[] = [];
  annotations.forEach((a, i) => {
    if (!WAVE_CODES.has(a.code)) return;
    const before = annotations[i - 1];
    const after = annotations[i + 1];
    waves.push({
      kind: a.code as Wave['kind'],
      peak: a.sample,
      onset: before?.code === '(' ? before.sample : undefined,
      offset: after?.code === ')' ? after.sample : undefined,
    });
  });
  return waves;
}

export function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One reference beat per QRS annotated in any lead. The global reference boundary is the median
 * over the leads that marked it (12 cardiologist marks per boundary; the median is robust to one
 * lead's outlying mark). P and T belong to the beat when their peak lies within 400 ms before or
 * 700 ms after its QRS peak.
 */
export function referenceBeatsFromLeads(perLead: readonly (readonly WfdbAnnotation[])[], sampleRateHz: number): ReferenceBeat[] {
  const leads = perLead.map(wavesOf);
  const qrsPeaks = leads.flatMap((waves) => waves.filter((w) => w.kind === 'N').map((w) => w.peak)).sort((a, b) => a - b);
  const clusterGap = 0.15 * sampleRateHz;
  const clusters: number[][] = [];
  for (const peak of qrsPeaks) {
    const last = clusters.at(-1);
    if (last && peak - last[last.length - 1] < clusterGap) last.push(peak);
    else clusters.push([peak]);
  }
  return clusters.map((cluster) => {
    const centre = medianOf(cluster) ?? cluster[0];
    const collect = (kind: Wave['kind'], from: number, to: number, field: 'onset' | 'offset') =>
      leads.flatMap((waves) => {
        const w = waves.find((x) => x.kind === kind && x.peak >= centre + from && x.peak <= centre + to);
        return w?.[field] !== undefined ? [w[field]] : [];
      });
    const window = 0.12 * sampleRateHz;
    return {
      qrsPeak: centre,
      pOnset: medianOf(collect('p', -0.4 * sampleRateHz, 0, 'onset')),
      qrsOnset: medianOf(collect('N', -window, window, 'onset')),
      qrsOffset: medianOf(collect('N', -window, window, 'offset')),
      tOffset: medianOf(collect('t', 0, 0.7 * sampleRateHz, 'offset')),
    };
  });
}

/** First and last annotated sample: beats outside are not marked and are not scored. */
export function annotatedSpan(perLead: readonly (readonly WfdbAnnotation[])[]): { from: number; to: number } {
  const samples = perLead.flatMap((a) => a.map((x) => x.sample));
  return { from: Math.min(...samples), to: Math.max(...samples) };
}
