/**
 * EDF+ "EDF Annotations" signals: per data record, Time-stamped Annotation Lists (TALs) of the form
 * `+onset[\x15duration]\x14text\x14[text\x14…]\x00`. The first TAL of each record keeps time
 * (an empty text) and says when that record starts.
 */

export interface EdfAnnotation {
  onsetS: number;
  durationS?: number;
  text: string;
}

export interface EdfRecordAnnotations {
  /** Start of this data record in seconds from the file's start, from its time-keeping TAL. */
  recordStartS?: number;
  annotations: EdfAnnotation[];
}

const ONSET = /^[+-]\d+(\.\d+)?$/;
const DURATION = /^\d+(\.\d+)?$/;
const utf8 = new TextDecoder('utf-8');

/** Parses the annotation bytes of one data record; text that is not a well-formed TAL is skipped. */
export function parseEdfAnnotationRecord(bytes: Uint8Array): EdfRecordAnnotations {
  const result: EdfRecordAnnotations = { annotations: [] };
  const tals = utf8.decode(bytes).split('\0').filter((tal) => tal !== '');
  tals.forEach((tal, index) => {
    const [timing = '', ...texts] = tal.split('\x14');
    const [onset = '', duration, ...rest] = timing.split('\x15');
    if (!ONSET.test(onset) || rest.length > 0 || (duration !== undefined && !DURATION.test(duration))) return;
    const onsetS = Number(onset);
    const durationS = duration !== undefined ? Number(duration) : undefined;
    const named = texts.filter((text) => text !== '');
    if (index === 0 && result.recordStartS === undefined) result.recordStartS = onsetS;
    for (const text of named) {
      result.annotations.push({ onsetS, ...(durationS !== undefined ? { durationS } : {}), text });
    }
  });
  return result;
}
