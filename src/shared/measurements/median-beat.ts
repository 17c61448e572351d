/**
 * Representative beat: per lead, the sample-wise median of the aligned beats. Each beat is first
 * levelled by a straight line through the same phase point of this and the next beat, which
 * removes baseline wander without filtering the ST segment.
 */
import { medianInPlace } from './filters.ts';

const ANCHOR_WIDTH_S = 0.02;

export interface MedianWindow {
  /** Samples before the aligned QRS index. */
  before: number;
  /** Samples after it. */
  after: number;
}

function anchorLevel(x: Float32Array, start: number, width: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, start); i < Math.min(x.length, start + width); i++) {
    if (Number.isFinite(x[i])) {
      sum += x[i];
      count++;
    }
  }
  return count > 0 ? sum / count : undefined;
}

/**
 * Median beat of one lead over `beatIndices` (aligned QRS positions on the rhythm), each beat
 * levelled by its anchor; beats whose window leaves the record are skipped. Returns undefined when
 * no beat fits.
 */
export function medianBeatOfLead(
  samplesUv: Float32Array,
  beatIndices: readonly number[],
  window: MedianWindow,
  sampleRateHz: number
): Float32Array | undefined {
  const width = Math.max(1, Math.round(ANCHOR_WIDTH_S * sampleRateHz));
  const length = window.before + window.after + 1;
  const segments: Float64Array[] = [];
  for (let b = 0; b < beatIndices.length; b++) {
    const start = beatIndices[b] - window.before;
    if (start < 0 || start + length > samplesUv.length) continue;
    const level = anchorLevel(samplesUv, start, width);
    if (level === undefined) continue;
    const nextStart = b + 1 < beatIndices.length ? beatIndices[b + 1] - window.before : undefined;
    const nextLevel = nextStart !== undefined ? anchorLevel(samplesUv, nextStart, width) : undefined;
    const slopePerSample = nextStart !== undefined && nextLevel !== undefined ? (nextLevel - level) / (nextStart - start) : 0;
    const segment = new Float64Array(length);
    for (let k = 0; k < length; k++) segment[k] = samplesUv[start + k] - (level + slopePerSample * k);
    segments.push(segment);
  }
  if (segments.length === 0) return undefined;
  const out = new Float32Array(length);
  const column = new Float64Array(segments.length);
  for (let k = 0; k < length; k++) {
    for (let s = 0; s < segments.length; s++) column[s] = segments[s][k];
    out[k] = medianInPlace(column, segments.length);
  }
  return out;
}
