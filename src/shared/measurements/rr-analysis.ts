/** RR series, heart-rate variability summaries and rhythm regularity from detected beats. */
import type { RrAnalysis } from './types.ts';

/** With fewer intervals the regularity of a rhythm is not judged. */
const MIN_INTERVALS_FOR_REGULARITY = 5;

export function analyseRr(beatTimesS: readonly number[]): RrAnalysis {
  const intervalsMs = beatTimesS.slice(1).map((t, i) => (t - beatTimesS[i]) * 1000);
  if (intervalsMs.length === 0) return { intervalsMs, regularity: 'unknown' };
  const meanMs = intervalsMs.reduce((a, b) => a + b, 0) / intervalsMs.length;
  const sdMs = Math.sqrt(intervalsMs.reduce((a, b) => a + (b - meanMs) ** 2, 0) / intervalsMs.length);
  const result: RrAnalysis = { intervalsMs, meanMs, sdMs, regularity: 'unknown' };
  if (intervalsMs.length < 2) return result;
  const differences = intervalsMs.slice(1).map((rr, i) => rr - intervalsMs[i]);
  result.rmssdMs = Math.sqrt(differences.reduce((a, d) => a + d * d, 0) / differences.length);
  result.pnn50 = differences.filter((d) => Math.abs(d) > 50).length / differences.length;
  if (intervalsMs.length >= MIN_INTERVALS_FOR_REGULARITY) {
    // Irregular: successive intervals differ by more than 10 % of the mean on average.
    result.regularity = result.rmssdMs / meanMs > 0.1 ? 'irregular' : 'regular';
  }
  return result;
}
