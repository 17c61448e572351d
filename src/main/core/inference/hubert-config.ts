/**
 * Reads a HuBERT-ECG `config.json` (transformers HubertConfig fields plus the fine-tuning head's
 * num_labels / classifier_hidden_size) and rejects anything the ONNX builder does not reproduce
 * exactly: another architecture, the layer-norm conv front end, the stable-layer-norm encoder.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { ModelImportError } from './model-import-error.ts';

export type HubertTaskType = 'multi_label' | 'multi_class' | 'regression';

export interface HubertConfig {
  modelType: string;
  convDims: number[];
  convKernels: number[];
  convStrides: number[];
  convBias: boolean;
  featProjLayerNorm: boolean;
  hiddenSize: number;
  numHiddenLayers: number;
  numAttentionHeads: number;
  intermediateSize: number;
  posConvKernel: number;
  posConvGroups: number;
  layerNormEps: number;
  /** From config; the checkpoint's head decides when absent. */
  numLabels: number | undefined;
  /** Width of the tanh MLP head's hidden layer; null for a linear head. */
  classifierHiddenSize: number | null;
  taskType: HubertTaskType;
  /** Output names a transformers head may carry; LABEL_n placeholders when it has none. */
  id2label: Record<string, string> | undefined;
  /** Set by our fixture generators; tiny random-weight checkpoints are flagged by size as well. */
  declaresTestCheckpoint: boolean;
}

const HUBERT_MODEL_TYPES = ['hubert_ecg', 'hubert', 'hubert_ecg_classification'];

const positiveInt = z.number().int().positive();
const configSchema = z.looseObject({
  model_type: z.string({ error: 'no model_type' }),
  conv_dim: z.array(positiveInt, { error: 'conv_dim must be a list of channel counts' }),
  conv_kernel: z.array(positiveInt, { error: 'conv_kernel must be a list of sizes' }),
  conv_stride: z.array(positiveInt, { error: 'conv_stride must be a list of sizes' }),
  conv_bias: z.boolean().default(false),
  num_feat_extract_layers: positiveInt.optional(),
  feat_extract_norm: z.string().default('group'),
  feat_extract_activation: z.string().default('gelu'),
  feat_proj_layer_norm: z.boolean().default(true),
  hidden_size: positiveInt,
  num_hidden_layers: positiveInt,
  num_attention_heads: positiveInt,
  intermediate_size: positiveInt,
  hidden_act: z.string().default('gelu'),
  num_conv_pos_embeddings: positiveInt.default(128),
  num_conv_pos_embedding_groups: positiveInt.default(16),
  conv_pos_batch_norm: z.boolean().default(false),
  do_stable_layer_norm: z.boolean().default(false),
  use_weighted_layer_sum: z.boolean().default(false),
  layer_norm_eps: z.number().positive().default(1e-5),
  num_labels: positiveInt.optional(),
  id2label: z.record(z.string(), z.string()).optional(),
  classifier_hidden_size: positiveInt.nullable().optional(),
  activation: z.string().default('tanh'),
  use_label_embedding: z.boolean().default(false),
  task_type: z.enum(['multi_label', 'multi_class', 'regression']).default('multi_label'),
  test_checkpoint: z.boolean().default(false),
});

export function readHubertConfigFile(path: string): HubertConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelImportError(basename(path), `cannot read config: ${(error as Error).message}`);
  }
  return parseHubertConfig(json, basename(path));
}

export function parseHubertConfig(json: unknown, fileName = 'config.json'): HubertConfig {
  const fail = (problem: string): never => {
    throw new ModelImportError(fileName, problem);
  };
  if (typeof json !== 'object' || json === null) fail('not a JSON object');
  const modelType = (json as Record<string, unknown>).model_type;
  if (typeof modelType === 'string' && !HUBERT_MODEL_TYPES.includes(modelType)) {
    fail(`model_type '${modelType}' is not a HuBERT-ECG model (expected one of ${HUBERT_MODEL_TYPES.join(', ')})`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${issue.path.join('.') || 'config'}: ${issue.message}`);
  }
  const c = parsed.data;
  const layerCount = c.conv_dim.length;
  if (layerCount === 0) fail('conv_dim is empty');
  if (c.conv_kernel.length !== layerCount || c.conv_stride.length !== layerCount) {
    fail(`conv_dim, conv_kernel and conv_stride differ in length (${layerCount}, ${c.conv_kernel.length}, ${c.conv_stride.length})`);
  }
  if (c.num_feat_extract_layers !== undefined && c.num_feat_extract_layers !== layerCount) {
    fail(`num_feat_extract_layers is ${c.num_feat_extract_layers} but conv_dim has ${layerCount} layers`);
  }
  if (c.feat_extract_norm !== 'group') fail(`feat_extract_norm '${c.feat_extract_norm}' is not supported (HuBERT-ECG uses 'group')`);
  if (c.do_stable_layer_norm) fail('do_stable_layer_norm is true (the pre-LN encoder); HuBERT-ECG uses the post-LN encoder');
  if (c.feat_extract_activation !== 'gelu') fail(`feat_extract_activation '${c.feat_extract_activation}' is not supported (gelu)`);
  if (c.hidden_act !== 'gelu') fail(`hidden_act '${c.hidden_act}' is not supported (gelu)`);
  if (c.conv_pos_batch_norm) fail('conv_pos_batch_norm is true; HuBERT-ECG uses the weight-normed positional convolution');
  if (c.use_weighted_layer_sum) fail('use_weighted_layer_sum is true, which no HuBERT-ECG head uses');
  if (c.use_label_embedding) fail('use_label_embedding is true: the label-embedding (cosine) head is not supported');
  if (c.classifier_hidden_size != null && c.activation !== 'tanh') {
    fail(`classifier activation '${c.activation}' is not supported (tanh)`);
  }
  if (c.hidden_size % c.num_attention_heads !== 0) {
    fail(`hidden_size ${c.hidden_size} is not divisible by num_attention_heads ${c.num_attention_heads}`);
  }
  if (c.hidden_size % c.num_conv_pos_embedding_groups !== 0) {
    fail(`hidden_size ${c.hidden_size} is not divisible by num_conv_pos_embedding_groups ${c.num_conv_pos_embedding_groups}`);
  }
  return {
    modelType: c.model_type,
    convDims: c.conv_dim,
    convKernels: c.conv_kernel,
    convStrides: c.conv_stride,
    convBias: c.conv_bias,
    featProjLayerNorm: c.feat_proj_layer_norm,
    hiddenSize: c.hidden_size,
    numHiddenLayers: c.num_hidden_layers,
    numAttentionHeads: c.num_attention_heads,
    intermediateSize: c.intermediate_size,
    posConvKernel: c.num_conv_pos_embeddings,
    posConvGroups: c.num_conv_pos_embedding_groups,
    layerNormEps: c.layer_norm_eps,
    numLabels: c.num_labels,
    classifierHiddenSize: c.classifier_hidden_size ?? null,
    taskType: c.task_type,
    id2label: c.id2label,
    declaresTestCheckpoint: c.test_checkpoint,
  };
}

/** Frames the conv feature encoder yields for an input of `samples` (no padding in any conv). */
export function frameCount(config: HubertConfig, samples: number): number {
  let length = samples;
  for (let i = 0; i < config.convKernels.length; i++) {
    length = Math.floor((length - config.convKernels[i]) / config.convStrides[i]) + 1;
  }
  return length;
}
