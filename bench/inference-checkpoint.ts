/**
 * Synthetic HuBERT-ECG checkpoints for the benchmark and the tests: the real key names and
 * shapes with seeded random weights, written in memory as safetensors. Never real weights.
 */
import { seededRandom } from '../tests/support/seeded-random.ts';
export interface TensorEntry {
  shape: number[];
  data: Float32Array;
}

/** Serialises F32 tensors in the safetensors layout (8-byte LE header length, JSON header, data). */
export function encodeSafetensors(tensors: Map<string, TensorEntry>): Uint8Array {
  const header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> = {};
  let offset = 0;
  for (const [name, t] of tensors) {
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let headerText = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
  headerText += ' '.repeat((8 - ((8 + headerText.length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

export interface SyntheticSize {
  hiddenSize: number;
  numHiddenLayers: number;
  numAttentionHeads: number;
  intermediateSize: number;
  convDim: number;
}

export const HUBERT_SIZES: Record<'small' | 'base', SyntheticSize> = {
  small: { hiddenSize: 512, numHiddenLayers: 8, numAttentionHeads: 8, intermediateSize: 2048, convDim: 512 },
  base: { hiddenSize: 768, numHiddenLayers: 12, numAttentionHeads: 12, intermediateSize: 3072, convDim: 512 },
};

export function syntheticConfig(size: SyntheticSize, numLabels: number): Record<string, unknown> {
  return {
    model_type: 'hubert_ecg',
    architectures: ['HuBERTForECGClassification'],
    conv_dim: Array(5).fill(size.convDim),
    conv_kernel: [10, 3, 3, 2, 2],
    conv_stride: [4, 2, 2, 2, 2],
    conv_bias: false,
    feat_extract_norm: 'group',
    feat_extract_activation: 'gelu',
    feat_proj_layer_norm: true,
    num_feat_extract_layers: 5,
    do_stable_layer_norm: false,
    layer_norm_eps: 1e-5,
    hidden_act: 'gelu',
    num_conv_pos_embeddings: 128,
    num_conv_pos_embedding_groups: 16,
    hidden_size: size.hiddenSize,
    num_hidden_layers: size.numHiddenLayers,
    num_attention_heads: size.numAttentionHeads,
    intermediate_size: size.intermediateSize,
    num_labels: numLabels,
    classifier_hidden_size: null,
    task_type: 'multi_label',
    test_checkpoint: true,
  };
}


/** A linear-head checkpoint of the given size, keys prefixed `hubert_ecg.` as in fine-tuned files. */
export function syntheticCheckpoint(size: SyntheticSize, numLabels: number, seed = 1): Map<string, TensorEntry> {
  const random = seededRandom(seed);
  const tensors = new Map<string, TensorEntry>();
  const add = (name: string, shape: number[], fill: 'random' | 'ones' | 'zeros', scale = 0.05) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (fill === 'ones') data.fill(1);
    if (fill === 'random') for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * scale;
    tensors.set(name, { shape, data });
  };
  const h = size.hiddenSize;
  const p = 'hubert_ecg.';
  add(`${p}masked_spec_embed`, [h], 'random');
  const kernels = [10, 3, 3, 2, 2];
  kernels.forEach((k, i) => add(`${p}feature_extractor.conv_layers.${i}.conv.weight`, [size.convDim, i === 0 ? 1 : size.convDim, k], 'random', 1 / Math.sqrt(k * (i === 0 ? 1 : size.convDim))));
  add(`${p}feature_extractor.conv_layers.0.layer_norm.weight`, [size.convDim], 'ones');
  add(`${p}feature_extractor.conv_layers.0.layer_norm.bias`, [size.convDim], 'zeros');
  add(`${p}feature_projection.layer_norm.weight`, [size.convDim], 'ones');
  add(`${p}feature_projection.layer_norm.bias`, [size.convDim], 'zeros');
  add(`${p}feature_projection.projection.weight`, [h, size.convDim], 'random');
  add(`${p}feature_projection.projection.bias`, [h], 'random');
  add(`${p}encoder.pos_conv_embed.conv.bias`, [h], 'random');
  add(`${p}encoder.pos_conv_embed.conv.parametrizations.weight.original0`, [1, 1, 128], 'random', 1);
  add(`${p}encoder.pos_conv_embed.conv.parametrizations.weight.original1`, [h, h / 16, 128], 'random');
  add(`${p}encoder.layer_norm.weight`, [h], 'ones');
  add(`${p}encoder.layer_norm.bias`, [h], 'zeros');
  for (let i = 0; i < size.numHiddenLayers; i++) {
    const at = `${p}encoder.layers.${i}`;
    for (const proj of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
      add(`${at}.attention.${proj}.weight`, [h, h], 'random');
      add(`${at}.attention.${proj}.bias`, [h], 'random');
    }
    add(`${at}.layer_norm.weight`, [h], 'ones');
    add(`${at}.layer_norm.bias`, [h], 'zeros');
    add(`${at}.feed_forward.intermediate_dense.weight`, [size.intermediateSize, h], 'random');
    add(`${at}.feed_forward.intermediate_dense.bias`, [size.intermediateSize], 'random');
    add(`${at}.feed_forward.output_dense.weight`, [h, size.intermediateSize], 'random');
    add(`${at}.feed_forward.output_dense.bias`, [h], 'random');
    add(`${at}.final_layer_norm.weight`, [h], 'ones');
    add(`${at}.final_layer_norm.bias`, [h], 'zeros');
  }
  add('classifier.weight', [numLabels, h], 'random');
  add('classifier.bias', [numLabels], 'random');
  return tensors;
}
