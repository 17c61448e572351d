/**
 * What each CSV column is: a lead (with units where the name says them, "I (mV)", "V1 [uV]",
 * "aVR_mV"), a time column ("time", "Time (s)", "t_ms") or a sample index ("sample", "index").
 */
import { canonicalLeadName } from '../../../../shared/ecg/leads.ts';
import { uvPerUnitOf } from './units.ts';

export type CsvColumn =
  | { kind: 'lead'; name: string; uvPerUnit?: number }
  | { kind: 'time'; secondsPerUnit: number }
  | { kind: 'index' };

const BRACKETED_UNIT = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]\s*$/;
const SUFFIXED_UNIT = /^(.*?)[\s_-]+(mV|uV|µV|μV|nV)$/i;
const TIME_NAME = /^(time|t|timestamp|elapsed|elapsed time|seconds|sec|ms|time_s|time_ms|t_s|t_ms)$/i;
const INDEX_NAME = /^(sample|samples|sample ?#|sample_?(no|number|index)|index|idx|n|#|row)$/i;
const SECONDS_PER_TIME_UNIT: Readonly<Record<string, number>> = { s: 1, sec: 1, seconds: 1, ms: 0.001, msec: 0.001 };

export function interpretColumn(header: string): CsvColumn {
  const bracketed = BRACKETED_UNIT.exec(header);
  const suffixed = bracketed ? null : SUFFIXED_UNIT.exec(header);
  const base = (bracketed?.[1] ?? suffixed?.[1] ?? header).trim();
  const unit = (bracketed?.[2] ?? suffixed?.[2])?.trim();
  const timeUnit = unit !== undefined ? SECONDS_PER_TIME_UNIT[unit.toLowerCase()] : undefined;
  if (TIME_NAME.test(base) || (timeUnit !== undefined && /^(time|t|elapsed)?$/i.test(base))) {
    const nameUnit = /ms$/i.test(base) ? 0.001 : 1;
    return { kind: 'time', secondsPerUnit: timeUnit ?? nameUnit };
  }
  if (INDEX_NAME.test(base)) return { kind: 'index' };
  const uvPerUnit = unit !== undefined ? uvPerUnitOf(unit) : undefined;
  const name = canonicalLeadName(uvPerUnit !== undefined ? base : header);
  return uvPerUnit !== undefined ? { kind: 'lead', name, uvPerUnit } : { kind: 'lead', name };
}
