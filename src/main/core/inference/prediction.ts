/**
 * Turns per-window logits into a prediction for the whole ECG: sigmoid (multi-label) or softmax
 * (multi-class) per window, then max over windows as the paper's test-time augmentation does,
 * with the mean kept for stability. Labels are ranked by the max probability.
 */
import type { ModelManifest } from './manifest.ts';

export interface LabelProbability {
  code: string;
  name: string;
  /** Max over windows. */
  probability: number;
  meanProbability: number;
  parent?: string | null;
  auroc?: number | null;
}

export interface MortalityRisk {
  probability: number;
  meanProbability: number;
  label: string;
  caveat: string;
}

export interface EcgPrediction {
  labels: LabelProbability[];
  mortality: MortalityRisk | null;
}

export const MORTALITY_CAVEAT =
  'Learned only from SaMi-Trop, a Brazilian cohort of patients with Chagas cardiomyopathy (death within about 2 years): ' +
  'not a general-population mortality risk. Probabilities are uncalibrated.';

/** `logits` is row-major [windows, outputs] in the manifest's label order. */
export function predictFromLogits(manifest: ModelManifest, logits: Float32Array, windowCount: number): EcgPrediction {
  const outputs = manifest.labels.length;
  if (windowCount < 1 || logits.length !== windowCount * outputs) {
    throw new Error(`model '${manifest.id}' returned ${logits.length} values for ${windowCount} window(s) of ${outputs} labels`);
  }
  if (manifest.task !== 'multi_label' && manifest.task !== 'multi_class') {
    throw new Error(`model '${manifest.id}' is a ${manifest.task} model: it gives no label probabilities`);
  }
  const maxProbability = new Float64Array(outputs).fill(-Infinity);
  const sumProbability = new Float64Array(outputs);
  for (let w = 0; w < windowCount; w++) {
    const row = logits.subarray(w * outputs, (w + 1) * outputs);
    const probabilities = manifest.task === 'multi_label' ? Array.from(row, sigmoid) : softmax(row);
    probabilities.forEach((p, i) => {
      maxProbability[i] = Math.max(maxProbability[i], p);
      sumProbability[i] += p;
    });
  }
  const labels: LabelProbability[] = manifest.labels.map((label, i) => ({
    code: label.code,
    name: label.name,
    probability: maxProbability[i],
    meanProbability: sumProbability[i] / windowCount,
    parent: label.parent ?? null,
    auroc: label.auroc ?? null,
  }));
  const mortalityLabel = labels.find((l) => l.code === manifest.mortalityLabelCode);
  labels.sort((a, b) => b.probability - a.probability);
  return {
    labels,
    mortality: mortalityLabel
      ? { probability: mortalityLabel.probability, meanProbability: mortalityLabel.meanProbability, label: mortalityLabel.name, caveat: MORTALITY_CAVEAT }
      : null,
  };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function softmax(row: Float32Array): number[] {
  const max = Math.max(...row);
  const exps = Array.from(row, (x) => Math.exp(x - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
