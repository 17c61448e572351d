/**
 * Section 4: reference beat length and fiducial point, the QRS complexes where the reference beat
 * was subtracted from the rhythm data, and the protected zones that bimodal compression kept at the
 * full sampling rate (sample numbers count from 1).
 */
import type { ByteReader } from './byte-reader.ts';

export interface ScpQrsComplex {
  beatType: number;
  /** Subtraction zone start, fiducial and end, as rhythm sample numbers (1-based). */
  startSample: number;
  fiducialSample: number;
  endSample: number;
}

/** A stretch of rhythm (1-based, inclusive) that bimodal compression stored undecimated. */
export interface ScpProtectedZone {
  startSample: number;
  endSample: number;
}

export interface ScpQrsLocations {
  referenceBeatLengthMs: number;
  /** Fiducial point of the reference beat, as a reference-beat sample number (1-based). */
  referenceFiducialSample: number;
  complexes: ScpQrsComplex[];
  /** One per complex after the subtraction table; absent when the section stops after that table. */
  protectedZones?: ScpProtectedZone[];
}

const COMPLEX_BYTES = 14;
const PROTECTED_ZONE_BYTES = 8;

export function readQrsLocations(body: ByteReader): ScpQrsLocations {
  const referenceBeatLengthMs = body.u16(0, 'reference beat length');
  const referenceFiducialSample = body.u16(2, 'reference beat fiducial');
  const complexCount = body.u16(4, 'number of QRS complexes');
  const complexes: ScpQrsComplex[] = [];
  for (let i = 0; i < complexCount; i++) {
    const offset = 6 + i * COMPLEX_BYTES;
    const where = `QRS complex ${i + 1}`;
    complexes.push({
      beatType: body.u16(offset, where),
      startSample: body.u32(offset + 2, where),
      fiducialSample: body.u32(offset + 6, where),
      endSample: body.u32(offset + 10, where),
    });
  }
  const zonesOffset = 6 + complexCount * COMPLEX_BYTES;
  // The protected-zone table is optional: writers that do not use bimodal compression often omit it.
  if (complexCount === 0 || !body.has(zonesOffset, complexCount * PROTECTED_ZONE_BYTES)) {
    return { referenceBeatLengthMs, referenceFiducialSample, complexes };
  }
  const protectedZones: ScpProtectedZone[] = [];
  for (let i = 0; i < complexCount; i++) {
    const offset = zonesOffset + i * PROTECTED_ZONE_BYTES;
    const where = `protected zone ${i + 1}`;
    protectedZones.push({ startSample: body.u32(offset, where), endSample: body.u32(offset + 4, where) });
  }
  return { referenceBeatLengthMs, referenceFiducialSample, complexes, protectedZones };
}
