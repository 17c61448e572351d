/**
 * Philips carts append a calibration pulse after the 12-lead signal: every lead goes to zero, steps
 * to the same value (1 mV) for a while, and returns to zero to the end of the stored duration.
 * Finding it lets the record hold the ECG only.
 */

export interface CalibrationPulse {
  /** Index of the first sample after the ECG (start of the zero gap before the pulse). */
  signalEndIndex: number;
  pulseStartIndex: number;
  pulseSampleCount: number;
  pulseCounts: number;
}

/** Shortest run, in samples, taken for a pulse rather than a coincidence. */
const MIN_PULSE_SAMPLES = 10;

function allEqualAt(leads: readonly Int16Array[], index: number, value: number): boolean {
  return leads.every((lead) => lead[index] === value);
}

export function findCalibrationPulse(leads: readonly Int16Array[]): CalibrationPulse | undefined {
  if (leads.length === 0) return undefined;
  const length = Math.min(...leads.map((lead) => lead.length));
  let pulseEnd = length;
  while (pulseEnd > 0 && allEqualAt(leads, pulseEnd - 1, 0)) pulseEnd--;
  if (pulseEnd === 0) return undefined;
  const pulseCounts = leads[0][pulseEnd - 1];
  let pulseStart = pulseEnd;
  while (pulseStart > 0 && allEqualAt(leads, pulseStart - 1, pulseCounts)) pulseStart--;
  if (pulseEnd - pulseStart < MIN_PULSE_SAMPLES || pulseStart === 0) return undefined;
  let signalEnd = pulseStart;
  while (signalEnd > 0 && allEqualAt(leads, signalEnd - 1, 0)) signalEnd--;
  if (signalEnd === 0) return undefined;
  return { signalEndIndex: signalEnd, pulseStartIndex: pulseStart, pulseSampleCount: pulseEnd - pulseStart, pulseCounts };
}
