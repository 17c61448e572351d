import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { parseHubertConfig } from '../../src/main/core/inference/hubert-config.ts';
import { buildHubertOnnx, type WeightPrecision } from '../../src/main/core/inference/hubert-onnx.ts';
import { mapHubertWeights } from '../../src/main/core/inference/hubert-weights.ts';
import { readSafetensorsFile, type SafetensorsFile } from '../../src/main/core/inference/safetensors.ts';
import {
  inputTensor,
  maxAbsDifference,
  randomValues,
  readConfigJson,
  readExpected,
  readTensors,
  TINY_DIR,
  TINY_PARAM_DIR,
} from './fixture-files.ts';

async function runBuilt(configJson: Record<string, unknown>, file: SafetensorsFile, input: Float32Array, batch: number, precision: WeightPrecision = 'fp32') {
  const config = parseHubertConfig(configJson);
  const bytes = buildHubertOnnx(config, mapHubertWeights(config, file), { weightPrecision: precision });
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  const outputs = await session.run({ input: new ort.Tensor('float32', input, [batch, input.length / batch]) });
  await session.release();
  return outputs;
}

const fixtureFile = (dir: string) => readSafetensorsFile(join(dir, 'model.safetensors'));

describe.each([
  ['tiny (weight_g / weight_v)', TINY_DIR],
  ['tiny-param (parametrizations.weight.original0/1)', TINY_PARAM_DIR],
])('HuBERT-ECG ONNX build of the %s fixture', (_name, dir) => {
  const expected = readExpected(dir);
  const batch = expected.input.length;

  it('reproduces the reference logits and last hidden state within 1e-4', async () => {
    const out = await runBuilt(readConfigJson(dir), fixtureFile(dir), inputTensor(expected), batch);
    expect(out.logits.dims).toEqual([batch, expected.logits[0].length]);
    expect(maxAbsDifference(out.logits.data as Float32Array, expected.logits.flat())).toBeLessThan(1e-4);

    const hidden = out.last_hidden_state;
    expect(hidden.dims).toEqual(expected.last_hidden_state_shape);
    const [, frames, width] = expected.last_hidden_state_shape;
    const data = hidden.data as Float32Array;
    for (let b = 0; b < batch; b++) {
      const firstFrame = data.subarray(b * frames * width, b * frames * width + 8);
      expect(maxAbsDifference(firstFrame, expected.last_hidden_state_first_frame_first8[b])).toBeLessThan(1e-4);
      const pooled = (out.pooled_embedding.data as Float32Array).subarray(b * width, b * width + 8);
      expect(maxAbsDifference(pooled, expected.last_hidden_state_mean_over_time_first8[b])).toBeLessThan(1e-4);
    }
  });

  it('gives the same logits from a checkpoint without the hubert_ecg. prefix', async () => {
    const file = fixtureFile(dir);
    const unprefixed = new Map([...file.tensors].map(([k, v]) => [k.replace(/^hubert_ecg\./, ''), v]));
    const out = await runBuilt(readConfigJson(dir), { ...file, tensors: unprefixed }, inputTensor(expected), batch);
    expect(maxAbsDifference(out.logits.data as Float32Array, expected.logits.flat())).toBeLessThan(1e-4);
  });

  it('int8 dynamic quantisation stays close to the fp32 logits', async () => {
    const out = await runBuilt(readConfigJson(dir), fixtureFile(dir), inputTensor(expected), batch, 'int8');
    const error = maxAbsDifference(out.logits.data as Float32Array, expected.logits.flat());
    expect(error).toBeGreaterThan(0);
    expect(error).toBeLessThan(0.02);
  });
});

describe('HuBERT-ECG heads', () => {
  const expected = readExpected(TINY_DIR);
  const hidden = 32;

  it('builds the tanh MLP head (classifier.0 / classifier.2) and matches a TypeScript reference on the pooled output', async () => {
    const hiddenUnits = 16;
    const labels = 3;
    const tensors = readTensors(TINY_DIR);
    tensors.delete('classifier.weight');
    tensors.delete('classifier.bias');
    const w0 = randomValues(hiddenUnits * hidden, 11, 0.5);
    const b0 = randomValues(hiddenUnits, 12, 0.5);
    const w2 = randomValues(labels * hiddenUnits, 13, 0.5);
    const b2 = randomValues(labels, 14, 0.5);
    tensors.set('classifier.0.weight', { shape: [hiddenUnits, hidden], data: w0 });
    tensors.set('classifier.0.bias', { shape: [hiddenUnits], data: b0 });
    tensors.set('classifier.2.weight', { shape: [labels, hiddenUnits], data: w2 });
    tensors.set('classifier.2.bias', { shape: [labels], data: b2 });
    const config = { ...readConfigJson(TINY_DIR), num_labels: labels, classifier_hidden_size: hiddenUnits };
    const out = await runBuilt(config, { fileName: 'mlp.safetensors', tensors, metadata: {} }, inputTensor(expected), 2);

    const pooled = out.pooled_embedding.data as Float32Array;
    // The backbone is unchanged, so the pooled vector must still match the reference.
    expect(maxAbsDifference(pooled.subarray(0, 8), expected.last_hidden_state_mean_over_time_first8[0])).toBeLessThan(1e-4);
    const reference: number[] = [];
    for (let b = 0; b < 2; b++) {
      const x = pooled.subarray(b * hidden, (b + 1) * hidden);
      const h = Array.from({ length: hiddenUnits }, (_, j) => Math.tanh(b0[j] + x.reduce((s, v, i) => s + v * w0[j * hidden + i], 0)));
      for (let l = 0; l < labels; l++) reference.push(b2[l] + h.reduce((s, v, j) => s + v * w2[l * hiddenUnits + j], 0));
    }
    expect(out.logits.dims).toEqual([2, labels]);
    expect(maxAbsDifference(out.logits.data as Float32Array, reference)).toBeLessThan(1e-5);
  });

  it('builds a backbone-only checkpoint that outputs the pooled embedding and no logits', async () => {
    const tensors = readTensors(TINY_DIR);
    tensors.delete('classifier.weight');
    tensors.delete('classifier.bias');
    const config = { ...readConfigJson(TINY_DIR), num_labels: undefined, architectures: ['HuBERTECG'] };
    const out = await runBuilt(config, { fileName: 'backbone.safetensors', tensors, metadata: {} }, inputTensor(expected), 2);
    expect(Object.keys(out).sort()).toEqual(['last_hidden_state', 'pooled_embedding']);
    expect(maxAbsDifference((out.pooled_embedding.data as Float32Array).subarray(32, 40), expected.last_hidden_state_mean_over_time_first8[1])).toBeLessThan(1e-4);
  });

  it('accepts a 10-s input (12000 samples) and yields 187 frames', async () => {
    const tenSeconds = new Float32Array(12000);
    tenSeconds.set(Float32Array.from(expected.input[0]), 0);
    tenSeconds.set(Float32Array.from(expected.input[1]), 6000);
    const out = await runBuilt(readConfigJson(TINY_DIR), fixtureFile(TINY_DIR), tenSeconds, 1);
    expect(out.last_hidden_state.dims).toEqual([1, 187, 32]);
  });
});
