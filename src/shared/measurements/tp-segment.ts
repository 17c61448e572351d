/**
 * Each lead's T–P level: the isoelectric level between one beat's T wave and the next P wave,
 * from the flattest stretch of the median beat before its P wave. The level just before the QRS
 * (the PR segment) can sit well off it (atrial repolarization, baseline drift over the beat), and a
 * T wave ends where the signal settles at the T–P level, not at the PR level.
 */

/** Length of the flat stretch, s: long enough that a P or T wave's apex is never flat over it. */
const FLAT_S = 0.04;
/** The stretch ends at least this long before QRS onset, so the PR segment and most P waves stay out. */
const BEFORE_QRS_S = 0.12;

/**
 * `leads`: smoothed median beats; `velocity`: their spatial velocity. Undefined when the beat
 * holds no room before the P wave.
 */
export function tpLevels(leads: readonly Float64Array[], velocity: ArrayLike<number>, qrsOnset: number, sampleRateHz: number): number[] | undefined {
  const width = Math.max(2, Math.round(FLAT_S * sampleRateHz));
  const last = qrsOnset - Math.round(BEFORE_QRS_S * sampleRateHz) - width;
  if (last < 0) return undefined;
  let sum = 0;
  for (let k = 0; k < width; k++) sum += velocity[k];
  let flattest = 0;
  let least = sum;
  for (let s = 1; s <= last; s++) {
    sum += velocity[s + width - 1] - velocity[s - 1];
    if (sum < least) {
      least = sum;
      flattest = s;
    }
  }
  return leads.map((lead) => {
    let s = 0;
    for (let k = flattest; k < flattest + width; k++) s += lead[k];
    return s / width;
  });
}
