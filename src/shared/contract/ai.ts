/**
 * The AI calls of the contract: installed models, the selected model, the inference queue's progress
 * and a record's ranked diagnoses. Merged into API (api.ts); main validates every argument here.
 */
import { z } from 'zod';
import type { RankedDiagnoses, RankedLabel } from '../diagnoses/rank-diagnoses.ts';

export const TEST_MODEL_WARNING = 'TEST MODEL — random weights, not a diagnosis';

export const NO_MODEL_TITLE = 'No AI model installed';
/** How to add a model; the app never downloads one itself. */
export const NO_MODEL_STEPS: readonly string[] = [
  'On a computer with internet access, download config.json and model.safetensors of a HuBERT-ECG checkpoint ' +
    '(e.g. a Cardio-Learning fine-tune from Hugging Face, Edoardo-BS) into one folder.',
  'Bring the folder to this workstation, then run `ecg-desk model add DIR` or use Import model… below.',
  'The weights are CC BY-NC 4.0: non-commercial use only.',
];

export interface ModelCard {
  id: string;
  name: string;
  version: string;
  task: string;
  /** A model whose outputs have a known clinical meaning and real weights. */
  diagnostic: boolean;
  licence: string;
  source: string;
  /** Who the model learned from, as far as known. */
  population: string;
  preprocessingId: string;
  weightsSha256: string;
  weightPrecision: string;
  /** SMALL, BASE, LARGE, or a custom size. */
  size: string | null;
  labelCount: number;
  hasMortality: boolean;
}

export interface ModelSummary extends ModelCard {
  modelDir: string;
  /** False for test checkpoints unless the developer setting allowTestModels is on. */
  offered: boolean;
  selected: boolean;
}

export interface ModelsList {
  models: ModelSummary[];
  selectedModelId: string | null;
  /** Where installed models live. */
  modelsDir: string;
  /** Model folders that could not be read, with why. */
  problems: string[];
}

export interface AiStatus {
  state: 'no-model' | 'idle' | 'running' | 'error';
  /** Records of the study the selected model has not read yet. */
  queued: number;
  /** Records read in this pass (analysed or not analysable). */
  done: number;
  /** Records whose run failed in this pass; retried on the next pass. */
  failed: number;
  running: boolean;
  modelId: string | null;
  executionProvider: string | null;
  selectedModel: ModelCard | null;
  /** The last pass's error, if it stopped on one. */
  message: string | null;
  testModelWarning: string | null;
}

export interface MortalityView {
  code: string;
  label: string;
  probability: number;
  meanProbability: number;
  reliability: string;
  caveat: string;
}

export interface RecordPredictions {
  recordId: number;
  state: 'no-model' | 'pending' | 'analysed' | 'not-analysable';
  model: ModelCard | null;
  /** Why the record could not be analysed. */
  reason: string | null;
  run: { id: number; executionProvider: string; startedAt: string; windowCount: number; createdAt: string } | null;
  diagnoses: RankedDiagnoses | null;
  mortality: MortalityView | null;
  testModelWarning: string | null;
}

export type { RankedDiagnoses, RankedLabel };

const modelIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not a model id');

export const AI_API = {
  'models.list': { args: z.object({}), result: null as unknown as ModelsList },
  'models.select': { args: z.object({ modelId: modelIdSchema }), result: null as unknown as AiStatus },
  'models.add': { args: z.object({ dir: z.string().min(1).max(4096) }), result: null as unknown as ModelSummary },
  'ai.status': { args: z.object({}), result: null as unknown as AiStatus },
  'ai.cancel': { args: z.object({}), result: null as unknown as AiStatus },
  'record.predictions': { args: z.object({ id: z.number().int().positive() }), result: null as unknown as RecordPredictions },
} as const;
