/**
 * Pacemaker stimulus artefacts ("pacing spikes"): a jump within 2 ms, in at least half of the
 * recorded leads at once, out of a quiet baseline. Amplifier resets and clipping recoveries also
 * jump in many leads, but they start from the QRS itself, not from a quiet baseline, so the
 * quiet-baseline condition keeps them out. Thresholds were measured on LUDB's 10 paced records
 * (ludb.csv "Cardiac pacing") against the other 140 (bench/measurements.ts).
 */

/** The spikes are only resolved at 500 Hz or more; below that they are smeared into the QRS. */
export const MIN_SPIKE_SAMPLE_RATE_HZ = 500;
/** Smallest jump within 2 ms in a lead, µV (0.03 mV/ms); LUDB's weakest clear spikes jump 100 µV. */
const MIN_JUMP_UV = 60;
/** The jump must exceed the lead's range over the quiet stretch before it this many times. */
const JUMP_TO_QUIET_RANGE = 2;
/** The stretch before the jump that must be quiet. */
const QUIET_S = 0.03;
/**
 * The quiet stretch ends this long before the jump: the amplifier's filters make some stimuli
 * swing the other way for a few ms first (biventricular pacing, LUDB 93), and that swing is no
 * part of the baseline.
 */
const QUIET_GAP_S = 0.006;
/** Fraction of the leads that must jump together. */
const MIN_LEAD_FRACTION = 0.5;
/** Jumps closer than this belong to one spike. */
const MERGE_S = 0.01;
/** Signal after a spike's jump that is still the stimulus and its decay (LUDB: up to 10 ms), not heart. */
export const SPIKE_TAIL_S = 0.012;

/** What counts as a spike, in words, for the statement's rule. */
export const PACING_SPIKE_CRITERION =
  `a jump of ≥ ${MIN_JUMP_UV} µV within 2 ms in at least ${MIN_LEAD_FRACTION * 100} % of the leads at once, ` +
  `≥ ${JUMP_TO_QUIET_RANGE} times their range over the ${QUIET_S * 1000} ms before`;

/** Sample indices of the pacing spikes (their first jumping sample) across `leads` (µV). */
export function detectPacingSpikes(leads: readonly Float32Array[], sampleRateHz: number): number[] {
  if (sampleRateHz < MIN_SPIKE_SAMPLE_RATE_HZ || leads.length === 0) return [];
  const step = Math.max(1, Math.round(0.002 * sampleRateHz));
  const quiet = Math.max(2, Math.round(QUIET_S * sampleRateHz));
  const gap = Math.max(step, Math.round(QUIET_GAP_S * sampleRateHz));
  const minLeads = Math.max(2, Math.ceil(MIN_LEAD_FRACTION * leads.length));
  const n = Math.min(...leads.map((l) => l.length));
  const spikes: number[] = [];
  const merge = Math.round(MERGE_S * sampleRateHz);
  // LUDB's records end with every lead sliding to zero within a few ms: a spike must leave room for its tail.
  const end = n - Math.round(SPIKE_TAIL_S * sampleRateHz);
  for (let k = gap + quiet + step; k < end; k++) {
    // Counting stops as soon as the outcome is certain: enough leads jump, or too few are left to.
    let jumping = 0;
    for (let l = 0; l < leads.length && jumping < minLeads && jumping + leads.length - l >= minLeads; l++) {
      const x = leads[l];
      const jump = Math.abs(x[k] - x[k - step]);
      if (!(jump >= MIN_JUMP_UV)) continue;
      let low = Infinity;
      let high = -Infinity;
      for (let j = k - gap - quiet; j < k - gap; j++) {
        low = Math.min(low, x[j]);
        high = Math.max(high, x[j]);
      }
      if (jump >= JUMP_TO_QUIET_RANGE * (high - low)) jumping++;
    }
    if (jumping < minLeads) continue;
    const start = k - step + 1;
    const last = spikes.at(-1);
    if (last === undefined || start - last > merge) spikes.push(start);
  }
  return spikes;
}

/**
 * A copy of `x` with each spike and its tail replaced by a straight line between the samples
 * around it, so that filters and slopes downstream see the heart's signal, not the stimulus.
 */
export function blankPacingSpikes(x: Float32Array, spikes: readonly number[], sampleRateHz: number): Float32Array {
  if (spikes.length === 0) return x;
  const out = Float32Array.from(x);
  const tail = Math.round(SPIKE_TAIL_S * sampleRateHz);
  for (const spike of spikes) {
    const from = Math.max(0, spike - 1);
    const to = Math.min(x.length - 1, spike + tail);
    for (let k = from + 1; k < to; k++) out[k] = x[from] + ((x[to] - x[from]) * (k - from)) / (to - from);
  }
  return out;
}

/** A ventricular stimulus leads its QRS peak by up to 150 ms (LUDB: 11–146 ms); bipolar leads may show a second one just after. */
const LEAD_BEFORE_QRS_S = 0.16;
const LEAD_AFTER_QRS_S = 0.02;

/** Per beat (QRS index), the first spike that leads it, or undefined. */
export function spikesLeadingBeats(spikes: readonly number[], qrsIndices: readonly number[], sampleRateHz: number): (number | undefined)[] {
  const before = Math.round(LEAD_BEFORE_QRS_S * sampleRateHz);
  const after = Math.round(LEAD_AFTER_QRS_S * sampleRateHz);
  return qrsIndices.map((qrs) => spikes.find((s) => s >= qrs - before && s <= qrs + after));
}
