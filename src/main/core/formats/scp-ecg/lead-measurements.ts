/**
 * Section 10: the device's per-lead measurements, in the fixed order EN 1064 lists them.
 */
import type { SourceMeasurement } from '../../../../shared/ecg/record.ts';
import type { ByteReader } from './byte-reader.ts';
import { scpLeadName } from './lead-codes.ts';

/** Field order of one lead's record; null marks coded fields (morphology, quality) that are not quantities. */
const FIELDS: readonly ([name: string, unit: string] | null)[] = [
  ['pDurationMs', 'ms'],
  ['prMs', 'ms'],
  ['qrsMs', 'ms'],
  ['qtMs', 'ms'],
  ['qDurationMs', 'ms'],
  ['rDurationMs', 'ms'],
  ['sDurationMs', 'ms'],
  ['rPrimeDurationMs', 'ms'],
  ['sPrimeDurationMs', 'ms'],
  ['qAmplitudeUv', 'uV'],
  ['rAmplitudeUv', 'uV'],
  ['sAmplitudeUv', 'uV'],
  ['rPrimeAmplitudeUv', 'uV'],
  ['sPrimeAmplitudeUv', 'uV'],
  ['jAmplitudeUv', 'uV'],
  ['pPlusAmplitudeUv', 'uV'],
  ['pMinusAmplitudeUv', 'uV'],
  ['tPlusAmplitudeUv', 'uV'],
  ['tMinusAmplitudeUv', 'uV'],
  ['stSlopeUvPerS', 'uV/s'],
  null,
  null,
  ['isoelectricQrsOnsetMs', 'ms'],
  ['isoelectricQrsEndMs', 'ms'],
  ['intrinsicoidDeflectionMs', 'ms'],
  null,
  ['stJ20AmplitudeUv', 'uV'],
  ['stJ60AmplitudeUv', 'uV'],
  ['stJ80AmplitudeUv', 'uV'],
  ['stJRr16AmplitudeUv', 'uV'],
  ['stJRr8AmplitudeUv', 'uV'],
];

const NOT_MEASURED = new Set([29999, 29998, 19999]);

export function readLeadMeasurements(body: ByteReader): SourceMeasurement[] {
  const leadCount = body.u16(0, 'number of leads');
  const measurements: SourceMeasurement[] = [];
  let offset = 4;
  for (let i = 0; i < leadCount && body.has(offset, 4); i++) {
    const lead = scpLeadName(body.u16(offset, 'lead id'));
    const recordBytes = body.u16(offset + 2, 'lead record length');
    offset += 4;
    const fieldCount = Math.min(FIELDS.length, Math.floor(recordBytes / 2));
    for (let f = 0; f < fieldCount && body.has(offset + 2 * f, 2); f++) {
      const field = FIELDS[f];
      const value = body.i16(offset + 2 * f, 'lead measurement');
      if (field === null || NOT_MEASURED.has(value)) continue;
      measurements.push({ name: field[0], value, unit: field[1], lead });
    }
    offset += recordBytes;
  }
  return measurements;
}
