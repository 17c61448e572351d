/**
 * ST elevation at the J point by the Fourth Universal Definition of Myocardial Infarction (2018):
 * ≥ 1 mm (100 µV) in two contiguous leads, except V2–V3 where the cut-point is ≥ 2 mm in men
 * ≥ 40 years, ≥ 2.5 mm in men < 40 years and ≥ 1.5 mm in women.
 */
import type { Sex } from '../ecg/record.ts';

/** Contiguous pairs: the limb leads in Cabrera order (aVL, I, −aVR, II, aVF, III) and V1 to V6. */
const CONTIGUOUS_PAIRS: readonly [string, string][] = [
  ['aVL', 'I'],
  ['II', 'aVF'],
  ['aVF', 'III'],
  ['V1', 'V2'],
  ['V2', 'V3'],
  ['V3', 'V4'],
  ['V4', 'V5'],
  ['V5', 'V6'],
];

export interface StThreshold {
  thresholdUv: number;
  basis: string;
}

export function stElevationThreshold(lead: string, sex: Sex | undefined, ageYears: number | undefined): StThreshold {
  if (lead !== 'V2' && lead !== 'V3') return { thresholdUv: 100, basis: '≥ 100 µV' };
  if (sex === 'F') return { thresholdUv: 150, basis: '≥ 150 µV (women)' };
  if (sex === 'M' && ageYears !== undefined) {
    return ageYears >= 40 ? { thresholdUv: 200, basis: '≥ 200 µV (men ≥ 40 y)' } : { thresholdUv: 250, basis: '≥ 250 µV (men < 40 y)' };
  }
  // Sex or age unknown: the strictest cut-point, so no elevation is claimed on a guess.
  return { thresholdUv: 250, basis: '≥ 250 µV (sex or age unknown: strictest cut-point)' };
}

export interface StElevationFinding {
  leads: [string, string];
  rule: string;
}

/** Contiguous lead pairs whose J-point elevation both meet their cut-points. */
export function stElevationPairs(stJUvByLead: ReadonlyMap<string, number>, sex: Sex | undefined, ageYears: number | undefined): StElevationFinding[] {
  const findings: StElevationFinding[] = [];
  for (const pair of CONTIGUOUS_PAIRS) {
    const parts = pair.map((lead) => {
      const st = stJUvByLead.get(lead);
      const threshold = stElevationThreshold(lead, sex, ageYears);
      return { lead, st, threshold, meets: st !== undefined && st >= threshold.thresholdUv };
    });
    if (parts.every((p) => p.meets)) {
      findings.push({
        leads: pair,
        rule: parts.map((p) => `ST at J in ${p.lead} ${p.st} µV ${p.threshold.basis}`).join('; '),
      });
    }
  }
  return findings;
}
