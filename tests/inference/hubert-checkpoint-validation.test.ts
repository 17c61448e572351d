import { describe, expect, it } from 'vitest';
import { parseHubertConfig } from '../../src/main/core/inference/hubert-config.ts';
import { mapHubertWeights } from '../../src/main/core/inference/hubert-weights.ts';
import { ModelImportError } from '../../src/main/core/inference/model-import-error.ts';
import type { Float32Tensor } from '../../src/main/core/inference/safetensors.ts';
import { readConfigJson, readTensors, TINY_DIR, TINY_PARAM_DIR } from './fixture-files.ts';

describe('HuBERT-ECG config validation', () => {
  it('reads the fixture configs', () => {
    const tiny = parseHubertConfig(readConfigJson(TINY_DIR));
    expect(tiny).toMatchObject({ hiddenSize: 32, numHiddenLayers: 2, numAttentionHeads: 4, numLabels: 5, classifierHiddenSize: null });
    expect(tiny.convKernels).toEqual([10, 3, 3, 2, 2]);
    expect(tiny.convStrides).toEqual([4, 2, 2, 2, 2]);
    expect(parseHubertConfig(readConfigJson(TINY_PARAM_DIR))).toMatchObject({ hiddenSize: 48, numAttentionHeads: 6, numLabels: 7 });
  });

  it.each([
    [{ model_type: 'wav2vec2' }, "config.json: model_type 'wav2vec2' is not a HuBERT-ECG model (expected one of hubert_ecg, hubert, hubert_ecg_classification)"],
    [{ model_type: 'bert' }, "model_type 'bert' is not a HuBERT-ECG model"],
    [{ do_stable_layer_norm: true }, 'do_stable_layer_norm is true (the pre-LN encoder)'],
    [{ feat_extract_norm: 'layer' }, "feat_extract_norm 'layer' is not supported"],
    [{ conv_kernel: [10, 3, 3, 2] }, 'conv_dim, conv_kernel and conv_stride differ in length (5, 4, 5)'],
    [{ num_attention_heads: 5 }, 'hidden_size 32 is not divisible by num_attention_heads 5'],
    [{ hidden_act: 'relu' }, "hidden_act 'relu' is not supported"],
    [{ use_label_embedding: true }, 'label-embedding (cosine) head is not supported'],
    [{ hidden_size: 'big' }, 'hidden_size: '],
  ])('rejects %j', (change, message) => {
    const config = { ...readConfigJson(TINY_DIR), ...change };
    expect(() => parseHubertConfig(config)).toThrow(ModelImportError);
    expect(() => parseHubertConfig(config)).toThrow(message);
  });

  it('rejects a config with no model_type or no conv layout', () => {
    const { model_type: _type, ...noType } = readConfigJson(TINY_DIR);
    expect(() => parseHubertConfig(noType)).toThrow('config.json: model_type: no model_type');
    const { conv_kernel: _kernel, ...noKernel } = readConfigJson(TINY_DIR);
    expect(() => parseHubertConfig(noKernel)).toThrow('config.json: conv_kernel: conv_kernel must be a list of sizes');
  });
});

describe('HuBERT-ECG weight mapping', () => {
  const config = parseHubertConfig(readConfigJson(TINY_DIR));
  const mapWith = (edit: (tensors: Map<string, Float32Tensor>) => void) => {
    const tensors = readTensors(TINY_DIR);
    edit(tensors);
    return mapHubertWeights(config, { fileName: 'model.safetensors', tensors, metadata: {} });
  };

  it('maps every fixture weight and materialises the weight norm as g·v/‖v‖ over dims 0 and 1', () => {
    const tensors = readTensors(TINY_DIR);
    const weights = mapWith(() => undefined);
    expect(weights.layers).toHaveLength(2);
    expect(weights.head.kind).toBe('linear');
    expect(weights.numLabels).toBe(5);
    const g = tensors.get('hubert_ecg.encoder.pos_conv_embed.conv.weight_g')!.data;
    const v = tensors.get('hubert_ecg.encoder.pos_conv_embed.conv.weight_v')!.data;
    // Independent check at kernel position 7: sum over all 32×2 (out, in) entries of that column.
    const k = 7;
    let sumSquares = 0;
    for (let i = k; i < v.length; i += 128) sumSquares += v[i] * v[i];
    const expected = (g[k] * v[5 * 128 + k]) / Math.sqrt(sumSquares);
    expect(weights.posConvWeight[5 * 128 + k]).toBeCloseTo(expected, 6);
    let norm = 0;
    for (let i = k; i < v.length; i += 128) norm += weights.posConvWeight[i] ** 2;
    expect(Math.sqrt(norm)).toBeCloseTo(Math.abs(g[k]), 5);
  });

  it('names a missing key', () => {
    expect(() => mapWith((t) => t.delete('hubert_ecg.encoder.layers.1.attention.k_proj.weight'))).toThrow(
      "model.safetensors: missing key 'hubert_ecg.encoder.layers.1.attention.k_proj.weight' for this config",
    );
    expect(() => mapWith((t) => t.delete('hubert_ecg.encoder.pos_conv_embed.conv.weight_g'))).toThrow(
      "missing key 'hubert_ecg.encoder.pos_conv_embed.conv.weight_g'",
    );
  });

  it('names an unexpected key, but ignores the known pre-training parameters', () => {
    expect(() => mapWith((t) => t.set('hubert_ecg.encoder.layers.2.attention.q_proj.weight', { shape: [32, 32], data: new Float32Array(1024) }))).toThrow(
      "model.safetensors: unexpected key 'hubert_ecg.encoder.layers.2.attention.q_proj.weight' that this architecture does not use",
    );
    const ignored = mapWith((t) => {
      t.set('hubert_ecg.label_embedding.0.weight', { shape: [100, 16], data: new Float32Array(1600) });
      t.set('hubert_ecg.final_proj.0.weight', { shape: [16, 32], data: new Float32Array(512) });
      t.set('hubert_ecg.final_proj.0.bias', { shape: [16], data: new Float32Array(16) });
    });
    expect(ignored.numLabels).toBe(5);
  });

  it('names a tensor of the wrong shape', () => {
    expect(() =>
      mapWith((t) => t.set('hubert_ecg.feature_projection.projection.weight', { shape: [32, 16], data: new Float32Array(512) })),
    ).toThrow("model.safetensors: tensor 'hubert_ecg.feature_projection.projection.weight' has shape [32, 16], expected [32, 32]");
  });

  it('checks the head against num_labels and classifier_hidden_size', () => {
    const sevenLabels = parseHubertConfig({ ...readConfigJson(TINY_DIR), num_labels: 7 });
    expect(() => mapHubertWeights(sevenLabels, { fileName: 'model.safetensors', tensors: readTensors(TINY_DIR), metadata: {} })).toThrow(
      "tensor 'classifier.weight' has shape [5, 32], expected [7, 32]",
    );
    const mlp = parseHubertConfig({ ...readConfigJson(TINY_DIR), classifier_hidden_size: 16 });
    expect(() => mapHubertWeights(mlp, { fileName: 'model.safetensors', tensors: readTensors(TINY_DIR), metadata: {} })).toThrow(
      /missing keys 'classifier\.0\.weight', 'classifier\.0\.bias', 'classifier\.2\.weight', 'classifier\.2\.bias'/,
    );
  });
});
