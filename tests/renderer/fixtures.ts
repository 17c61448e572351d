/** Inputs shared by the renderer tests: a real lead and the standard printout settings. */
import { readFileSync } from 'node:fs';
import type { PaperOptions } from '../../src/renderer/src/lib/paper-layout.ts';
import { STANDARD_12_LEADS } from '../../src/shared/ecg/leads.ts';

/** PTB-XL 00001_hr lead II in µV (format 16, 1000 units/mV, 500 Hz, 12 interleaved channels, 10 s). */
export function ptbxlLeadII(): Float32Array {
  const raw = readFileSync(new URL('../../../shared/refdata/ptbxl/records500/00000/00001_hr.dat', import.meta.url));
  const counts = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  const lead = new Float32Array(5000);
  for (let i = 0; i < lead.length; i++) lead[i] = counts[i * 12 + 1];
  return lead;
}

/** 3×4 with a lead II rhythm strip, 25 mm/s, 10 mm/mV, the first 10 s of twelve leads. */
export const STANDARD_3X4: PaperOptions = {
  layout: '3x4',
  speedMmPerS: 25,
  gainMmPerMv: 10,
  leadNames: STANDARD_12_LEADS,
  windowStartS: 0,
  durationS: 10,
  rhythmLead: 'II',
  enlargedLead: null,
};
