/**
 * SCP-ECG lead identification codes (EN 1064 lead table) to lead names, canonical where one applies.
 */
import { canonicalLeadName } from '../../../../shared/ecg/leads.ts';

const NAMED_CODES: ReadonlyMap<number, string> = new Map([
  ...['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V2R', 'V3R', 'V4R', 'V5R', 'V6R', 'V7R', 'X', 'Y', 'Z', 'CC5', 'CM5'].map(
    (name, index): [number, string] => [index + 1, name]
  ),
  [21, 'LA'],
  [22, 'RA'],
  [23, 'LL'],
  ...['I', 'E', 'C', 'A', 'M', 'F', 'H'].map((name, index): [number, string] => [24 + index, `Frank ${name}`]),
  ...['III', 'aVR', 'aVL', 'aVF', '-aVR', 'V8', 'V9', 'V8R', 'V9R'].map((name, index): [number, string] => [61 + index, name]),
  ...['D', 'A', 'J'].map((name, index): [number, string] => [70 + index, `Nehb ${name}`]),
  [73, 'Defib'],
  [74, 'Extern'],
  ...['A1', 'A2', 'A3', 'A4'].map((name, index): [number, string] => [75 + index, name]),
]);

/** Lead name for an SCP-ECG lead code; codes without a name keep their number ("SCP lead 40"). */
export function scpLeadName(code: number): string {
  const name = NAMED_CODES.get(code);
  return name === undefined ? `SCP lead ${code}` : canonicalLeadName(name);
}
