/**
 * Whether the median beat's P wave is present in the single beats. A median of beats in atrial
 * fibrillation or flutter keeps a residue of the fibrillatory waves that can look like a small P
 * wave; a true P wave recurs in every beat, so each beat's P segment correlates with their median.
 */
import { medianInPlace } from './filters.ts';

/**
 * Median, over the beats, of the Pearson correlation (all leads together, each lead's mean
 * removed) between a beat's P segment and the sample-wise median of all beats' P segments.
 * `leads`: band-passed rhythm leads; `beatIndices`: aligned QRS positions; `from`/`to`: the P
 * segment in samples relative to each QRS position. Undefined with fewer than three beats.
 */
export function pWaveConsistency(leads: readonly Float64Array[], beatIndices: readonly number[], from: number, to: number): number | undefined {
  const width = to - from + 1;
  const beats = beatIndices.filter((b) => b + from >= 0 && b + to < (leads[0]?.length ?? 0));
  if (beats.length < 3 || width < 2) return undefined;
  const segments = beats.map((b) => {
    const segment = new Float64Array(width * leads.length);
    leads.forEach((lead, l) => {
      let mean = 0;
      for (let k = 0; k < width; k++) mean += lead[b + from + k];
      mean /= width;
      for (let k = 0; k < width; k++) segment[l * width + k] = lead[b + from + k] - mean;
    });
    return segment;
  });
  const template = new Float64Array(width * leads.length);
  const column = new Float64Array(segments.length);
  for (let i = 0; i < template.length; i++) {
    for (let s = 0; s < segments.length; s++) column[s] = segments[s][i];
    template[i] = medianInPlace(column, segments.length);
  }
  const correlations = new Float64Array(segments.length);
  segments.forEach((segment, s) => {
    let dot = 0;
    let ss = 0;
    let tt = 0;
    for (let i = 0; i < segment.length; i++) {
      dot += segment[i] * template[i];
      ss += segment[i] * segment[i];
      tt += template[i] * template[i];
    }
    correlations[s] = ss > 0 && tt > 0 ? dot / Math.sqrt(ss * tt) : 0;
  });
  return medianInPlace(correlations, correlations.length);
}
