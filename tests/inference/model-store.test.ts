import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync, copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../../bench/inference-checkpoint.ts';
import { homePaths } from '../../src/main/core/home.ts';
import { labelSetFor } from '../../src/main/core/inference/label-sets.ts';
import { modelManifestSchema } from '../../src/main/core/inference/manifest.ts';
import { ModelImportError } from '../../src/main/core/inference/model-import-error.ts';
import { installModel, listModels } from '../../src/main/core/inference/model-store.ts';
import { randomValues, readConfigJson, readTensors, tempDir, TINY_DIR, TINY_PARAM_DIR, writeCheckpoint } from './fixture-files.ts';

const storeEntries = (home: string) => (existsSync(homePaths.models(home)) ? readdirSync(homePaths.models(home)) : []);

describe('model store', () => {
  it('installs a checkpoint atomically as model.onnx + manifest.json, once', async () => {
    const home = tempDir('home');
    const result = await installModel(TINY_DIR, home);
    expect(result.installed).toBe(true);
    expect(result.kind).toBe('hubert-checkpoint');
    expect(readdirSync(result.modelDir).sort()).toEqual(['manifest.json', 'model.onnx']);
    expect(storeEntries(home)).toEqual([result.manifest.id]);

    const manifest = modelManifestSchema.parse(JSON.parse(readFileSync(join(result.modelDir, 'manifest.json'), 'utf8')));
    // sha256sum of the fixture's model.safetensors.
    expect(manifest.weightsSha256).toBe('2d1df263f40a31458708f5f5fb69e0f59ce3960da31531d8a14948bce1735943');
    expect(manifest.id).toBe('hubert-ecg-h32l2-generic-2d1df263f40a');
    expect(manifest.diagnostic).toBe(false);
    expect(manifest.task).toBe('multi_label');
    expect(manifest.labels.map((l) => l.code)).toEqual(['OUTPUT_0', 'OUTPUT_1', 'OUTPUT_2', 'OUTPUT_3', 'OUTPUT_4']);
    expect(manifest.inputSpec).toEqual({ samples: 6000, sampleRateHz: 100, leads: ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'], windowS: 5 });
    expect(manifest.preprocessingId).toBe('hubert-ecg-v1');
    expect(manifest.licence).toMatch(/CC BY-NC 4\.0/);
    expect(manifest.architecture).toMatchObject({ hiddenSize: 32, layers: 2, head: 'linear', framesPerWindow: 93 });

    // A temp folder left by a crashed install is cleaned up by the next install once it is old; a fresh one is left alone.
    const abandoned = join(homePaths.models(home), '.installing-crashed');
    const inProgress = join(homePaths.models(home), '.installing-running');
    mkdirSync(abandoned);
    mkdirSync(inProgress);
    utimesSync(abandoned, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const again = await installModel(TINY_DIR, home);
    expect(again.installed).toBe(false);
    expect(again.modelDir).toBe(result.modelDir);
    await installModel(TINY_PARAM_DIR, home);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(inProgress)).toBe(true);
    expect(listModels(home).models.map((m) => m.manifest.weightsSha256.slice(0, 12)).sort()).toEqual(['2d1df263f40a', '5b236f9ce90f']);
  });

  it('labels a 164-output head with the Cardio-Learning labels and its mortality output, still not diagnostic for a test checkpoint', async () => {
    const tensors = readTensors(TINY_DIR);
    tensors.set('classifier.weight', { shape: [164, 32], data: randomValues(164 * 32, 3, 0.3) });
    tensors.set('classifier.bias', { shape: [164], data: randomValues(164, 4, 0.3) });
    const checkpoint = writeCheckpoint({ ...readConfigJson(TINY_DIR), num_labels: 164 }, tensors);
    const { manifest } = await installModel(checkpoint, tempDir('home'));
    expect(manifest.labels).toHaveLength(164);
    expect(manifest.labels[150]).toMatchObject({ index: 150, code: 'SAMITROP-DEATH', name: 'death in patients with chagas', group: 3 });
    expect(manifest.mortalityLabelCode).toBe('SAMITROP-DEATH');
    expect(manifest.diagnostic).toBe(false);
    expect(manifest.name).toMatch(/test checkpoint/);
  });

  it('carries the size-specific AUROC and the parent label of the Cardio-Learning set', () => {
    const base = labelSetFor(164, 'base');
    // label-auroc-cardio-learning-164.csv: AF (index 50) BASE 0.9055; EAMI's leaf 2.1.1 sits under ANMI (2.1).
    expect(base.labels[50]).toMatchObject({ code: 'AF', auroc: 0.9055 });
    expect(base.labels[82]).toMatchObject({ code: 'EAMI', parent: 'ANMI', auroc: 0.8062 });
    expect(base.labels[116]).toMatchObject({ code: 'AMI', parent: 'MI' });
    expect(labelSetFor(164, 'small').labels[150].auroc).toBe(0.8343);
    expect(labelSetFor(164, undefined).labels[150].auroc).toBeNull();
    expect(labelSetFor(2, 'base', { '0': 'stent_or_cabg', '1': 'no_stent_or_cabg' }).labels.map((l) => l.code)).toEqual(['stent_or_cabg', 'no_stent_or_cabg']);
    expect(labelSetFor(2, 'base', { '0': 'LABEL_0', '1': 'LABEL_1' }).known).toBe(false);
  });

  it.each([
    ['a truncated safetensors file', (dir: string) => {
      const bytes = readFileSync(join(TINY_DIR, 'model.safetensors'));
      writeFileSync(join(dir, 'model.safetensors'), bytes.subarray(0, bytes.length - 5000));
    }, "model.safetensors: truncated: tensor 'hubert_ecg.encoder.layers.1.feed_forward.output_dense.weight' ends at byte 148736 of the data section, which has only 144780 bytes"],
    ['a missing key', (dir: string) => {
      const tensors = readTensors(TINY_DIR);
      tensors.delete('hubert_ecg.encoder.layer_norm.bias');
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
    }, "missing key 'hubert_ecg.encoder.layer_norm.bias'"],
    ['an unexpected key', (dir: string) => {
      const tensors = readTensors(TINY_DIR);
      tensors.set('hubert_ecg.encoder.adapter.weight', { shape: [4], data: new Float32Array(4) });
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
    }, "unexpected key 'hubert_ecg.encoder.adapter.weight'"],
    ['a wrong shape', (dir: string) => {
      const tensors = readTensors(TINY_DIR);
      tensors.set('classifier.bias', { shape: [4], data: new Float32Array(4) });
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
    }, "tensor 'classifier.bias' has shape [4], expected [5]"],
    ['a config of another architecture', (dir: string) => {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...readConfigJson(TINY_DIR), model_type: 'wav2vec2' }));
    }, "config.json: model_type 'wav2vec2' is not a HuBERT-ECG model"],
  ])('rejects %s with a clear message and keeps nothing in the store', async (_what, damage, message) => {
    const dir = tempDir('bad');
    copyFileSync(join(TINY_DIR, 'config.json'), join(dir, 'config.json'));
    copyFileSync(join(TINY_DIR, 'model.safetensors'), join(dir, 'model.safetensors'));
    damage(dir);
    const home = tempDir('home');
    const attempt = installModel(dir, home);
    await expect(attempt).rejects.toThrow(ModelImportError);
    await expect(installModel(dir, home)).rejects.toThrow(message);
    expect(storeEntries(home)).toEqual([]);
  });

  it('accepts a ready ONNX model with a manifest, and refuses one without', async () => {
    const home = tempDir('home');
    const built = await installModel(TINY_DIR, tempDir('other-home'));
    const ready = tempDir('ready');
    copyFileSync(join(built.modelDir, 'model.onnx'), join(ready, 'model.onnx'));
    await expect(installModel(ready, home)).rejects.toThrow(
      `${join(ready, 'model.onnx')}: an ONNX model needs a manifest.json beside it (labels, input spec, licence); none found`,
    );
    const renamed = tempDir('renamed');
    copyFileSync(join(built.modelDir, 'model.onnx'), join(renamed, 'hubert.onnx'));
    await expect(installModel(renamed, home)).rejects.toThrow('hubert.onnx: an ONNX model needs a manifest.json');
    expect(storeEntries(home)).toEqual([]);

    writeFileSync(join(ready, 'manifest.json'), JSON.stringify({ ...built.manifest, id: 'site-model', weightsSha256: 'nope' }));
    await expect(installModel(ready, home)).rejects.toThrow('invalid manifest: weightsSha256: weightsSha256 must be 64 hex digits');
    writeFileSync(join(ready, 'manifest.json'), JSON.stringify({ ...built.manifest, id: 'site-model', outputs: { logits: 'scores' } }));
    await expect(installModel(ready, home)).rejects.toThrow("model.onnx: has no output 'scores'");
    expect(storeEntries(home)).toEqual([]);

    writeFileSync(join(ready, 'manifest.json'), JSON.stringify({ ...built.manifest, id: 'site-model' }));
    const installed = await installModel(ready, home);
    expect(installed.kind).toBe('onnx-with-manifest');
    expect(storeEntries(home)).toEqual(['site-model']);
  });

  it('refuses a folder with no model, a non-ONNX file and lists broken folders as problems', async () => {
    const home = tempDir('home');
    await expect(installModel(tempDir('empty'), home)).rejects.toThrow(/no model found: expected config\.json \+ model\.safetensors/);
    const junk = tempDir('junk');
    writeFileSync(join(junk, 'model.onnx'), 'not a model');
    cpSync(join(TINY_DIR, 'config.json'), join(junk, 'unused.json'));
    const built = await installModel(TINY_DIR, tempDir('other-home'));
    writeFileSync(join(junk, 'manifest.json'), JSON.stringify({ ...built.manifest, id: 'junk' }));
    await expect(installModel(junk, home)).rejects.toThrow(/model\.onnx: onnxruntime cannot load it/);
    expect(storeEntries(home)).toEqual([]);

    mkdirSync(join(homePaths.models(home), 'broken'), { recursive: true });
    const { models, problems } = listModels(home);
    expect(models).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/broken[/\\]manifest\.json: cannot read manifest/);
  });
});
