/**
 * Per-lead wave amplitudes on the median beat, from the isoelectric (QRS-onset) level: P, Q, R,
 * S, T, and the ST deviation at J and J+60 ms. A wave the lead does not show is absent with why.
 */
import type { FiducialIndices } from './delineation.ts';
import type { LeadMeasurements } from './types.ts';

type Amplitudes = Omit<LeadMeasurements, 'quality'>;

function signedExtremum(x: Float32Array, from: number, to: number): number {
  let best = 0;
  for (let k = Math.max(0, from); k <= Math.min(x.length - 1, to); k++) if (Math.abs(x[k]) > Math.abs(best)) best = x[k];
  return best;
}

/** `beat`: one lead's median beat with its isoelectric level already at 0. */
export function leadAmplitudes(
  beat: Float32Array,
  fiducials: FiducialIndices,
  sampleRateHz: number
): { values: Amplitudes; absent: Partial<Record<keyof Amplitudes, string>> } {
  const values: Amplitudes = {};
  const absent: Partial<Record<keyof Amplitudes, string>> = {};
  const { qrsOnset, qrsOffset } = fiducials;
  let rIndex = -1;
  for (let k = qrsOnset; k <= qrsOffset; k++) if (beat[k] > 0 && (rIndex < 0 || beat[k] > beat[rIndex])) rIndex = k;
  if (rIndex < 0) {
    absent.rAmplitudeUv = 'no R wave (QS complex)';
    absent.qAmplitudeUv = 'QS complex: its depth is given as the S amplitude';
    let s = qrsOnset;
    for (let k = qrsOnset; k <= qrsOffset; k++) if (beat[k] < beat[s]) s = k;
    values.sAmplitudeUv = Math.round(beat[s]);
  } else {
    values.rAmplitudeUv = Math.round(beat[rIndex]);
    let q = 0;
    for (let k = qrsOnset; k < rIndex; k++) q = Math.min(q, beat[k]);
    if (q < 0) values.qAmplitudeUv = Math.round(q);
    else absent.qAmplitudeUv = 'no Q wave';
    let s = 0;
    for (let k = rIndex + 1; k <= qrsOffset; k++) s = Math.min(s, beat[k]);
    if (s < 0) values.sAmplitudeUv = Math.round(s);
    else absent.sAmplitudeUv = 'no S wave';
  }
  values.stJUv = Math.round(beat[qrsOffset]);
  const j60 = qrsOffset + Math.round(0.06 * sampleRateHz);
  if (j60 < beat.length && (fiducials.tOffset === undefined || j60 < fiducials.tOffset)) values.stJ60Uv = Math.round(beat[j60]);
  else absent.stJ60Uv = 'J+60 ms falls outside the ST-T segment';
  if (fiducials.pOnset !== undefined && fiducials.pOffset !== undefined) {
    values.pAmplitudeUv = Math.round(signedExtremum(beat, fiducials.pOnset, fiducials.pOffset));
  } else absent.pAmplitudeUv = 'no P wave found';
  if (fiducials.tOffset !== undefined) {
    const from = qrsOffset + Math.round(0.4 * (fiducials.tOffset - qrsOffset));
    values.tAmplitudeUv = Math.round(signedExtremum(beat, from, fiducials.tOffset));
  } else absent.tAmplitudeUv = 'no T wave end found';
  return { values, absent };
}
