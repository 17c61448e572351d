/** One model output with its scores for one ECG: the shape ranking and risk scoring work on. */
export interface LabelInfo {
  code: string;
  name: string;
  /** Code of the parent label (AMI → MI); null or absent for a top-level label. */
  parent?: string | null;
  /** The authors' test AUROC of this output for this model size; null when none is published. */
  auroc?: number | null;
}

export interface LabelScore extends LabelInfo {
  /** Max over the ECG's windows (the paper's aggregation); uncalibrated. */
  probability: number;
  /** Mean over the windows, kept as a steadier second view. */
  meanProbability: number;
}

/** Pairs labels with their per-label max and mean scores (all three in the model's output order). */
export function labelScores(labels: readonly LabelInfo[], maxProbabilities: ArrayLike<number>, meanProbabilities: ArrayLike<number>): LabelScore[] {
  if (maxProbabilities.length !== labels.length || meanProbabilities.length !== labels.length) {
    throw new Error(`${labels.length} labels but ${maxProbabilities.length} max and ${meanProbabilities.length} mean scores`);
  }
  return labels.map((label, i) => ({
    code: label.code,
    name: label.name,
    parent: label.parent ?? null,
    auroc: label.auroc ?? null,
    probability: maxProbabilities[i],
    meanProbability: meanProbabilities[i],
  }));
}
