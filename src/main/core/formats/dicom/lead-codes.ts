/**
 * Lead identity from DICOM channel source codes (CID 3001): SCP-ECG codes "5.6.3-9-N" and MDC codes
 * "2:N" or 131072+N share one lead numbering, N, taken from the SCP-ECG lead table.
 */
import { canonicalLeadName } from '../../../../shared/ecg/leads.ts';
import type { DicomCode } from './dicom-dataset.ts';

const LEAD_BY_NUMBER: ReadonlyMap<number, string> = new Map([
  [1, 'I'], [2, 'II'], [3, 'V1'], [4, 'V2'], [5, 'V3'], [6, 'V4'], [7, 'V5'], [8, 'V6'],
  [9, 'V7'], [10, 'V2R'], [11, 'V3R'], [12, 'V4R'], [13, 'V5R'], [14, 'V6R'], [15, 'V7R'],
  [16, 'X'], [17, 'Y'], [18, 'Z'], [19, 'CC5'], [20, 'CM5'], [21, 'LA'], [22, 'RA'], [23, 'LL'],
  [61, 'III'], [62, 'aVR'], [63, 'aVL'], [64, 'aVF'], [65, '-aVR'], [66, 'V8'], [67, 'V9'],
  [68, 'V8R'], [69, 'V9R'],
]);

const MDC_ECG_LEAD_BASE = 131072;

function leadNumber(codeValue: string): number | undefined {
  const scp = /^5\.6\.3-9-(\d+)$/.exec(codeValue);
  if (scp) return Number(scp[1]);
  const mdcPartitioned = /^2:(\d+)$/.exec(codeValue);
  if (mdcPartitioned) return Number(mdcPartitioned[1]);
  if (/^\d{6}$/.test(codeValue)) return Number(codeValue) - MDC_ECG_LEAD_BASE;
  return undefined;
}

/**
 * The canonical lead name for a channel source code. The code value decides; the free-text
 * CodeMeaning ("Lead I (Einthoven)") is used only when there is no recognised code value.
 */
export function leadNameFromSource(code: DicomCode | undefined, channelLabel: string | undefined): string | undefined {
  if (code?.value) {
    const number = leadNumber(code.value);
    const byNumber = number === undefined ? undefined : LEAD_BY_NUMBER.get(number);
    if (byNumber) return byNumber;
    if (code.value.startsWith('MDC_ECG_LEAD_')) return canonicalLeadName(code.value);
  }
  const text = code?.meaning ?? channelLabel;
  if (!text) return undefined;
  return canonicalLeadName(text.replace(/\s*\(.*\)\s*$/, ''));
}
