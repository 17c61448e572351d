/**
 * Section 4: reference beat length and fiducial point, and the QRS complexes where the reference
 * beat was subtracted from the rhythm data (sample numbers count from 1).
 */
import type { ByteReader } from './byte-reader.ts';

export interface ScpQrsComplex {
  beatType: number;
  /** Subtraction zone start, fiducial and end, as rhythm sample numbers (1-based). */
  startSample: number;
  fiducialSample: number;
  endSample: number;
}

export interface ScpQrsLocations {
  referenceBeatLengthMs: number;
  /** Fiducial point of the reference beat, as a reference-beat sample number (1-based). */
  referenceFiducialSample: number;
  complexes: ScpQrsComplex[];
}

const COMPLEX_BYTES = 14;

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
  return { referenceBeatLengthMs, referenceFiducialSample, complexes };
}
