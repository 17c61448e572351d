/** The model card the UI shows, from an installed model's manifest. */
import type { ModelCard } from '../../../shared/contract/ai.ts';
import type { ModelManifest } from '../inference/manifest.ts';
import { CARDIO_LEARNING_164_ID } from '../inference/label-sets.ts';

/** SPEC §3.1: the Cardio-Learning fine-tuning data and where it comes from. */
const CARDIO_LEARNING_POPULATION =
  'Cardio-Learning: about 2.4 million ECGs from PTB, PTB-XL, CPSC, CPSC-Extra, Georgia, Chapman, Ningbo, SPH, ' +
  'CODE (Ribeiro), SaMi-Trop and Hefei, 4 countries, dominated by Brazilian telehealth ECGs.';

function population(manifest: ModelManifest): string {
  if (!manifest.diagnostic) return 'None: random weights, not trained on any patients.';
  if (manifest.id.includes(CARDIO_LEARNING_164_ID)) return CARDIO_LEARNING_POPULATION;
  return 'Not stated by the model folder.';
}

export function modelCard(manifest: ModelManifest): ModelCard {
  return {
    id: manifest.id,
    name: manifest.name,
    version: manifest.version,
    task: manifest.task,
    diagnostic: manifest.diagnostic,
    licence: manifest.licence,
    source: manifest.source,
    population: population(manifest),
    preprocessingId: manifest.preprocessingId,
    weightsSha256: manifest.weightsSha256,
    weightPrecision: manifest.weightPrecision,
    size: manifest.architecture?.size ?? null,
    labelCount: manifest.labels.length,
    hasMortality: manifest.mortalityLabelCode !== null && manifest.labels.some((l) => l.code === manifest.mortalityLabelCode),
  };
}
