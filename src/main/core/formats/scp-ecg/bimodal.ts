/**
 * Bimodal compression (EN 1064, section 6 byte 6). Inside the protected zones of section 4 the
 * rhythm keeps every sample; outside them it is stored decimated by the ratio of the section 6 and
 * section 5 sample intervals, each stored value the mean of `factor` consecutive samples. A run whose
 * length is not a whole number of groups stores its last `length mod factor` samples undecimated.
 *
 * Reconstruction puts each mean at the centre of its group and interpolates linearly between
 * centres, so a signal that is linear across groups comes back exactly; samples before the first
 * centre or after the last of a run take that group's mean, because extrapolating would invent slope.
 */
import type { ScpLeadDefinition } from './lead-definition.ts';
import type { ScpProtectedZone } from './qrs-locations.ts';
import { ScpFormatError } from './scp-format-error.ts';

type LeadRange = Pick<ScpLeadDefinition, 'name' | 'startSample' | 'endSample'>;

interface Run {
  isProtected: boolean;
  sampleCount: number;
}

/** Full-rate samples per stored sample outside the protected zones. */
export function decimationFactor(rhythmIntervalUs: number, fullRateIntervalUs: number): number {
  const factor = rhythmIntervalUs / fullRateIntervalUs;
  if (!Number.isInteger(factor) || factor < 1) {
    throw new ScpFormatError(
      `bimodal compression: the rhythm interval (${rhythmIntervalUs} µs) is not a whole multiple of the reference-beat interval (${fullRateIntervalUs} µs)`
    );
  }
  return factor;
}

/** Splits one lead into alternating decimated and protected runs, zones clipped to the lead. */
function leadRuns(lead: LeadRange, zones: readonly ScpProtectedZone[]): Run[] {
  const runs: Run[] = [];
  let next = lead.startSample;
  for (const [index, zone] of zones.entries()) {
    const start = Math.max(zone.startSample, lead.startSample);
    const end = Math.min(zone.endSample, lead.endSample);
    if (start > end) continue;
    if (start < next) {
      throw new ScpFormatError(`section 4: protected zone ${index + 1} (samples ${zone.startSample}–${zone.endSample}) starts before the previous one ends`);
    }
    if (start > next) runs.push({ isProtected: false, sampleCount: start - next });
    runs.push({ isProtected: true, sampleCount: end - start + 1 });
    next = end + 1;
  }
  if (next <= lead.endSample) runs.push({ isProtected: false, sampleCount: lead.endSample - next + 1 });
  return runs;
}

function storedRunLength(run: Run, factor: number): number {
  return run.isProtected ? run.sampleCount : Math.floor(run.sampleCount / factor) + (run.sampleCount % factor);
}

/** How many values section 6 holds for this lead. */
export function bimodalStoredSampleCount(lead: LeadRange, zones: readonly ScpProtectedZone[], factor: number): number {
  return leadRuns(lead, zones).reduce((sum, run) => sum + storedRunLength(run, factor), 0);
}

/** Writes one decimated run of `groupCount × factor` samples into `out` at `outOffset`. */
function interpolateRun(means: Float64Array, factor: number, out: Float64Array, outOffset: number): void {
  const centreOffset = (factor - 1) / 2;
  const last = means.length - 1;
  for (let i = 0; i < means.length * factor; i++) {
    const position = (i - centreOffset) / factor;
    let value: number;
    if (position <= 0) value = means[0];
    else if (position >= last) value = means[last];
    else {
      const group = Math.floor(position);
      const fraction = position - group;
      value = means[group] + fraction * (means[group + 1] - means[group]);
    }
    out[outOffset + i] = value;
  }
}

/** Rebuilds the full-rate lead (startSample..endSample) from its stored bimodal values. */
export function expandBimodal(stored: Float64Array, lead: LeadRange, zones: readonly ScpProtectedZone[], factor: number): Float64Array {
  const runs = leadRuns(lead, zones);
  const expectedStored = runs.reduce((sum, run) => sum + storedRunLength(run, factor), 0);
  if (stored.length !== expectedStored) {
    throw new ScpFormatError(
      `section 6 lead ${lead.name}: ${stored.length} values stored where bimodal compression with factor ${factor} and the section 4 protected zones need ${expectedStored}`
    );
  }
  const samples = new Float64Array(lead.endSample - lead.startSample + 1);
  let read = 0;
  let written = 0;
  for (const run of runs) {
    if (run.isProtected) {
      samples.set(stored.subarray(read, read + run.sampleCount), written);
      read += run.sampleCount;
      written += run.sampleCount;
      continue;
    }
    const groupCount = Math.floor(run.sampleCount / factor);
    const remainder = run.sampleCount % factor;
    if (groupCount > 0) interpolateRun(stored.subarray(read, read + groupCount), factor, samples, written);
    read += groupCount;
    written += groupCount * factor;
    samples.set(stored.subarray(read, read + remainder), written);
    read += remainder;
    written += remainder;
  }
  return samples;
}
