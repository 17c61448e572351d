/**
 * The ISHNE annotation file (".ann", magic "ANN  1.0"): after the header, 4-byte records of a beat
 * label, a second (internal) label and the samples since the previous record (uint16).
 * Label 0 only moves time on; '!' marks a gap longer than 65535 samples.
 */
import type { SourceAnnotation } from '../../../../shared/ecg/record.ts';
import { ISHNE_ANNOTATION_MAGIC, IshneHeaderError, readIshneHeader, readMagic } from './ishne-header.ts';

const RECORD_BYTES = 4;
export const ANNOTATION_SET = 'ann';

/** Beat labels as the ISHNE annotation description names them. */
const LABELS: Readonly<Record<string, string>> = {
  N: 'normal beat',
  V: 'premature ventricular contraction',
  S: 'supraventricular premature or ectopic beat',
  C: 'calibration pulse',
  B: 'bundle branch block beat',
  P: 'pace',
  X: 'artefact',
};

export interface IshneAnnotations {
  annotations: SourceAnnotation[];
  warnings: string[];
}

/** Reads the annotation file; problems in it become warnings, since the signal stands without it. */
export function readIshneAnnotations(bytes: Uint8Array, fileName: string, signalRateHz: number, durationS: number): IshneAnnotations {
  if (readMagic(bytes) !== ISHNE_ANNOTATION_MAGIC) {
    return { annotations: [], warnings: [`${fileName} is not an ISHNE annotation file; annotations not read`] };
  }
  let header;
  try {
    header = readIshneHeader(bytes);
  } catch (error) {
    if (error instanceof IshneHeaderError) return { annotations: [], warnings: [`${fileName}: ${error.message}; annotations not read`] };
    throw error;
  }
  const warnings: string[] = [];
  // The standard allows writers to leave the checksum at zero; a different wrong value means damage.
  if (header.storedCrc !== header.computedCrc && header.storedCrc !== 0) {
    return { annotations: [], warnings: [`${fileName} fails its header CRC check; annotations not read`] };
  }
  const rateHz = header.sampleRateHz > 0 ? header.sampleRateHz : signalRateHz;
  const annotations: SourceAnnotation[] = [];
  let sampleIndex = 0;
  let beyondEnd = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = header.dataOffset; offset + RECORD_BYTES <= bytes.length; offset += RECORD_BYTES) {
    sampleIndex += view.getUint16(offset + 2, true);
    const labelByte = bytes[offset];
    if (labelByte === 0 || labelByte === 0x21) continue;
    const timeS = sampleIndex / rateHz;
    if (timeS > durationS) {
      beyondEnd++;
      continue;
    }
    const code = String.fromCharCode(labelByte);
    const description = LABELS[code];
    annotations.push({ set: ANNOTATION_SET, timeS, code, ...(description ? { description } : {}) });
  }
  if ((bytes.length - header.dataOffset) % RECORD_BYTES !== 0) warnings.push(`${fileName} ends in a partial annotation record`);
  if (beyondEnd > 0) warnings.push(`${fileName}: ${beyondEnd} annotation(s) after the end of the signal were dropped`);
  return { annotations, warnings };
}
