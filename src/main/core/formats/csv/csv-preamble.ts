/**
 * What the free-text lines above an ECG CSV table say: the sampling rate ("Sampling Rate (Hz): 500",
 * "500 Hz", "fs = 500"), the amplitude units ("Units: uV") and a gain ("Gain (digit/millivolt): 2048").
 */
import { uvPerUnitOf } from './units.ts';

export interface CsvPreambleFacts {
  sampleRateHz?: number;
  /** µV per number in the table, from a units statement. */
  uvPerUnit?: number;
  /** A gain statement: numbers per millivolt (or per microvolt, as written), before any check against the data. */
  gain?: { countsPerUnit: number; unit: string; uvPerCount: number };
}

const RATE_PATTERNS = [
  /\b(?:sampling|sample)[\s_-]*(?:rate|frequency|freq)\b[^\d]*?(\d+(?:\.\d+)?)/i,
  /\bfs\s*[:=]\s*(\d+(?:\.\d+)?)/i,
  /(\d+(?:\.\d+)?)\s*(?:hz|samples\s*(?:\/|per)\s*s(?:ec(?:ond)?)?)\b/i,
];
const GAIN = /\bgain\b.*?\(\s*(?:digits?|counts?|adu|units?)\s*\/\s*(millivolts?|microvolts?|mv|uv|µv|μv)\s*\)\s*[:=]?\s*(\d+(?:\.\d+)?)/i;
const UNITS = /\b(?:units?|amplitude|unit of measure)\b\s*[:=]\s*(\S+)/i;

export function readCsvPreamble(lines: readonly string[]): CsvPreambleFacts {
  const facts: CsvPreambleFacts = {};
  for (const line of lines) {
    const gain = GAIN.exec(line);
    if (gain?.[1] && gain[2] && facts.gain === undefined) {
      const uvPerStatedUnit = uvPerUnitOf(gain[1]);
      const countsPerUnit = Number(gain[2]);
      if (uvPerStatedUnit !== undefined && countsPerUnit > 0) {
        facts.gain = { countsPerUnit, unit: gain[1], uvPerCount: uvPerStatedUnit / countsPerUnit };
      }
      continue;
    }
    const units = UNITS.exec(line);
    const uvPerUnit = units?.[1] ? uvPerUnitOf(units[1]) : undefined;
    if (uvPerUnit !== undefined && facts.uvPerUnit === undefined) {
      facts.uvPerUnit = uvPerUnit;
      continue;
    }
    if (facts.sampleRateHz === undefined) {
      for (const pattern of RATE_PATTERNS) {
        const rate = pattern.exec(line);
        if (rate?.[1] && Number(rate[1]) > 0) {
          facts.sampleRateHz = Number(rate[1]);
          break;
        }
      }
    }
  }
  return facts;
}
