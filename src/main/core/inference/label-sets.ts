/**
 * Output labels for a classification head, chosen by its number of outputs. The 164
 * Cardio-Learning labels ship with the app (resources/models), so nothing depends on ../shared.
 */
import cardioLearning164 from '../../../../resources/models/cardio-learning-164-labels.json' with { type: 'json' };
import type { ModelLabel } from './manifest.ts';

export type ModelSizeName = 'small' | 'base' | 'large';

export interface LabelSet {
  /** 'cardio-learning-164', 'config-id2label' or 'generic'. */
  id: string;
  displayName: string;
  labels: ModelLabel[];
  /** True when every output has a known clinical meaning. */
  known: boolean;
  mortalityLabelCode: string | null;
}

export const CARDIO_LEARNING_164_ID = 'cardio-learning-164';
const MORTALITY_CODE = 'SAMITROP-DEATH';

/** transformers writes LABEL_0, LABEL_1, … when a head was trained without names. */
const PLACEHOLDER_LABEL = /^LABEL_\d+$/;

export function labelSetFor(numLabels: number, size: ModelSizeName | undefined, id2label?: Record<string, string>): LabelSet {
  if (numLabels === cardioLearning164.labels.length) {
    return {
      id: CARDIO_LEARNING_164_ID,
      displayName: 'Cardio-Learning 164 labels',
      labels: cardioLearning164.labels.map((label) => ({
        index: label.index,
        code: label.code,
        name: label.name,
        group: label.group,
        parent: label.parent,
        snomedCt: label.snomedCt,
        auroc: size ? label.auroc[size] : null,
      })),
      known: true,
      mortalityLabelCode: MORTALITY_CODE,
    };
  }
  const names = id2label ? Array.from({ length: numLabels }, (_, i) => id2label[String(i)]) : [];
  if (names.length === numLabels && names.every((n) => typeof n === 'string' && n.length > 0 && !PLACEHOLDER_LABEL.test(n))) {
    return {
      id: 'config-id2label',
      displayName: `${numLabels} labels named by the checkpoint`,
      labels: names.map((name, index) => ({ index, code: name, name })),
      known: true,
      mortalityLabelCode: null,
    };
  }
  return {
    id: 'generic',
    displayName: `${numLabels} unnamed outputs`,
    labels: Array.from({ length: numLabels }, (_, index) => ({ index, code: `OUTPUT_${index}`, name: `Output ${index}` })),
    known: false,
    mortalityLabelCode: null,
  };
}
