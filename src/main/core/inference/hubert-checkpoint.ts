/**
 * Compiles a Hugging Face HuBERT-ECG checkpoint folder (config.json + model.safetensors) into
 * ONNX bytes and the manifest that describes them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { frameCount, readHubertConfigFile, type HubertConfig } from './hubert-config.ts';
import { buildHubertOnnx, HUBERT_OUTPUTS, type WeightPrecision } from './hubert-onnx.ts';
import { mapHubertWeights, type HubertWeights } from './hubert-weights.ts';
import { labelSetFor, type ModelSizeName } from './label-sets.ts';
import type { ModelManifest } from './manifest.ts';
import { parseSafetensors } from './safetensors.ts';
import { STANDARD_12_LEADS } from '../../../shared/ecg/leads.ts';
import {
  HUBERT_PREPROCESSING_ID,
  MODEL_INPUT_LENGTH,
  MODEL_SAMPLE_RATE_HZ,
  WINDOW_S,
} from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';

export const CHECKPOINT_CONFIG_FILE = 'config.json';
export const CHECKPOINT_WEIGHTS_FILE = 'model.safetensors';

/** Real HuBERT-ECG sizes start at 512; anything narrower is one of our random-weight test checkpoints. */
const MIN_REAL_HIDDEN_SIZE = 256;
const HUBERT_LICENCE = 'CC BY-NC 4.0 (HuBERT-ECG weights, non-commercial use only)';

export interface CompiledCheckpoint {
  onnxBytes: Uint8Array;
  manifest: ModelManifest;
}

export function compileHubertCheckpoint(
  checkpointDir: string,
  options: { weightPrecision?: WeightPrecision; now?: Date } = {},
): CompiledCheckpoint {
  const config = readHubertConfigFile(join(checkpointDir, CHECKPOINT_CONFIG_FILE));
  const weightsBytes = readFileSync(join(checkpointDir, CHECKPOINT_WEIGHTS_FILE));
  const weightsSha256 = createHash('sha256').update(weightsBytes).digest('hex');
  const weights = mapHubertWeights(config, parseSafetensors(weightsBytes, CHECKPOINT_WEIGHTS_FILE));
  const weightPrecision = options.weightPrecision ?? 'fp32';
  const onnxBytes = buildHubertOnnx(config, weights, { weightPrecision });
  const manifest = hubertManifest(config, weights, {
    weightsSha256,
    weightPrecision,
    source: `${resolve(checkpointDir)} (${CHECKPOINT_CONFIG_FILE} + ${CHECKPOINT_WEIGHTS_FILE})`,
    folderName: basename(resolve(checkpointDir)),
    createdAt: (options.now ?? new Date()).toISOString(),
  });
  return { onnxBytes, manifest };
}

function sizeName(config: HubertConfig): ModelSizeName | undefined {
  const sizes: Record<string, ModelSizeName> = { '512x8': 'small', '768x12': 'base', '960x16': 'large' };
  return sizes[`${config.hiddenSize}x${config.numHiddenLayers}`];
}

function hubertManifest(
  config: HubertConfig,
  weights: HubertWeights,
  at: { weightsSha256: string; weightPrecision: WeightPrecision; source: string; folderName: string; createdAt: string },
): ModelManifest {
  const size = sizeName(config);
  const sizeLabel = size ? size.toUpperCase() : `hidden ${config.hiddenSize} × ${config.numHiddenLayers} layers`;
  const isTestCheckpoint = config.declaresTestCheckpoint || config.hiddenSize < MIN_REAL_HIDDEN_SIZE;
  const hasHead = weights.head.kind !== 'none';
  const labelSet = hasHead ? labelSetFor(weights.numLabels, size, config.id2label) : undefined;
  const framesPerWindow = frameCount(config, MODEL_INPUT_LENGTH);
  const precisionSuffix = at.weightPrecision === 'int8' ? '-int8' : '';
  const headPart = labelSet ? labelSet.id : 'backbone';
  const name = [
    `HuBERT-ECG ${sizeLabel}`,
    labelSet ? labelSet.displayName : 'backbone (embeddings only)',
    isTestCheckpoint ? 'test checkpoint, random weights' : undefined,
    at.weightPrecision === 'int8' ? 'int8' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id: `hubert-ecg-${size ?? `h${config.hiddenSize}l${config.numHiddenLayers}`}-${headPart}-${at.weightsSha256.slice(0, 12)}${precisionSuffix}`,
    name: `${name} (${at.folderName})`,
    version: at.weightsSha256.slice(0, 12),
    task: hasHead ? config.taskType : 'embedding',
    labels: labelSet?.labels ?? [],
    inputSpec: { samples: MODEL_INPUT_LENGTH, sampleRateHz: MODEL_SAMPLE_RATE_HZ, leads: [...STANDARD_12_LEADS], windowS: WINDOW_S },
    preprocessingId: HUBERT_PREPROCESSING_ID,
    licence: HUBERT_LICENCE,
    source: at.source,
    weightsSha256: at.weightsSha256,
    createdAt: at.createdAt,
    diagnostic: !isTestCheckpoint && labelSet?.known === true,
    outputs: { logits: hasHead ? HUBERT_OUTPUTS.logits : null, pooledEmbedding: HUBERT_OUTPUTS.pooled },
    inputName: 'input',
    weightPrecision: at.weightPrecision,
    mortalityLabelCode: labelSet?.mortalityLabelCode ?? null,
    architecture: {
      family: 'hubert-ecg',
      size: size ?? 'custom',
      hiddenSize: config.hiddenSize,
      layers: config.numHiddenLayers,
      attentionHeads: config.numAttentionHeads,
      head: weights.head.kind,
      framesPerWindow,
    },
  };
}
