/**
 * The worklist's "AI risk": the selected model's highest score among its abnormal findings, i.e. every
 * output except the normal ones (NORM, SR) and the mortality output, which is shown apart and never
 * sorts the worklist (it was learned on a Chagas cohort only). It is a triage order, not a calibrated
 * risk: the scores come from a pos_weight-trained sigmoid head.
 */
import type { LabelScore } from './label-scores.ts';

/** Outputs that say the ECG is normal; a high score there is no reason to read it first. */
export const NORMAL_LABEL_CODES: ReadonlySet<string> = new Set(['NORM', 'SR']);

/** Null when the model has no abnormal-finding output at all. */
export function aiRiskScore(scores: readonly LabelScore[], mortalityLabelCode: string | null): number | null {
  let risk: number | null = null;
  for (const score of scores) {
    if (NORMAL_LABEL_CODES.has(score.code) || score.code === mortalityLabelCode) continue;
    if (!Number.isFinite(score.probability)) continue;
    risk = Math.max(risk ?? 0, score.probability);
  }
  return risk;
}
