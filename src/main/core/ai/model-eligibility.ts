/**
 * Which installed models the queue may run and the UI may offer: a classification model fed by the
 * preprocessing this version produces, and, unless allowTestModels is on, a diagnostic one (test
 * checkpoints with random weights are never offered as a diagnosis).
 */
import type { ModelManifest } from '../inference/manifest.ts';
import { HUBERT_PREPROCESSING_ID, MODEL_INPUT_LENGTH } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';

/** Why the queue cannot run this model at all, or null when it can. */
export function unusableReason(manifest: ModelManifest): string | null {
  if (manifest.task !== 'multi_label' && manifest.task !== 'multi_class') return `a ${manifest.task} model gives no diagnoses`;
  if (manifest.outputs.logits === null) return 'the model has no classification head';
  if (manifest.preprocessingId !== HUBERT_PREPROCESSING_ID) {
    return `it expects preprocessing '${manifest.preprocessingId}', which this version cannot produce`;
  }
  if (manifest.inputSpec.samples !== MODEL_INPUT_LENGTH) return `it expects ${manifest.inputSpec.samples} input values, not ${MODEL_INPUT_LENGTH}`;
  const codes = new Set(manifest.labels.map((l) => l.code));
  if (codes.size !== manifest.labels.length) return 'two of its labels share a code';
  return null;
}

export function isOffered(manifest: ModelManifest, allowTestModels: boolean): boolean {
  return unusableReason(manifest) === null && (manifest.diagnostic || allowTestModels);
}
