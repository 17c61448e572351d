import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateProviders, PROVIDER_PREFERENCE } from '../../src/main/core/inference/execution-providers.ts';
import { modelManifestSchema, type ModelManifest } from '../../src/main/core/inference/manifest.ts';
import { MORTALITY_CAVEAT, predictFromLogits } from '../../src/main/core/inference/prediction.ts';

function manifest(task: ModelManifest['task']): ModelManifest {
  return modelManifestSchema.parse({
    id: 'm',
    name: 'm',
    version: '1',
    task,
    labels: [
      { index: 0, code: 'AF', name: 'atrial fibrillation' },
      { index: 1, code: 'SAMITROP-DEATH', name: 'death in patients with chagas' },
      { index: 2, code: 'SR', name: 'sinus rhythm' },
    ],
    inputSpec: { samples: 6000, sampleRateHz: 100, leads: ['I'], windowS: 5 },
    preprocessingId: 'hubert-ecg-v1',
    licence: 'CC BY-NC 4.0',
    source: 'test',
    weightsSha256: 'a'.repeat(64),
    createdAt: '2026-01-01T00:00:00.000Z',
    diagnostic: true,
    mortalityLabelCode: 'SAMITROP-DEATH',
  });
}

describe('prediction from window logits', () => {
  it('applies the sigmoid per window, takes the max over windows, keeps the mean, ranks by the max', () => {
    // Two windows; logit ln(3) → 0.75, 0 → 0.5, −ln(3) → 0.25.
    const l3 = Math.log(3);
    const logits = Float32Array.from([0, -l3, l3, l3, -l3, -l3]);
    const p = predictFromLogits(manifest('multi_label'), logits, 2);
    expect(p.labels.map((l) => l.code)).toEqual(['AF', 'SR', 'SAMITROP-DEATH']);
    expect(p.labels[0].probability).toBeCloseTo(0.75, 6);
    expect(p.labels[0].meanProbability).toBeCloseTo(0.625, 6);
    expect(p.labels[1].probability).toBeCloseTo(0.75, 6);
    expect(p.labels[1].meanProbability).toBeCloseTo(0.5, 6);
    expect(p.mortality).toEqual({ probability: expect.closeTo(0.25, 6), meanProbability: expect.closeTo(0.25, 6), label: 'death in patients with chagas', caveat: MORTALITY_CAVEAT });
  });

  it('uses the softmax for a multi-class head and refuses logits of the wrong size', () => {
    const p = predictFromLogits(manifest('multi_class'), Float32Array.from([0, 0, Math.log(2)]), 1);
    expect(p.labels[0]).toMatchObject({ code: 'SR', probability: expect.closeTo(0.5, 6) });
    expect(p.labels[1].probability).toBeCloseTo(0.25, 6);
    expect(() => predictFromLogits(manifest('multi_label'), new Float32Array(5), 2)).toThrow("model 'm' returned 5 values for 2 window(s) of 3 labels");
  });
});

describe('execution providers', () => {
  it('tries the listed providers in the order CUDA, DirectML, CoreML, WebGPU, CPU with CPU always last', () => {
    expect(PROVIDER_PREFERENCE).toEqual(['cuda', 'dml', 'coreml', 'webgpu', 'cpu']);
    const candidates = candidateProviders({});
    expect(candidates[candidates.length - 1]).toBe('cpu');
    expect(candidates).toEqual(PROVIDER_PREFERENCE.filter((p) => candidates.includes(p)));
    // Linux onnxruntime-node lists cuda and webgpu; each is tried only where its library can load.
    if (process.platform === 'linux') {
      const cudaLib = new URL('../../node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so', import.meta.url);
      const vulkan = ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'].some((d) => existsSync(`${d}/libvulkan.so.1`));
      const expected = [...(existsSync(cudaLib) ? ['cuda'] : []), ...(vulkan ? ['webgpu'] : []), 'cpu'];
      expect(candidates).toEqual(expected);
    }
    expect(candidateProviders({ ECG_DESK_EXECUTION_PROVIDER: 'cpu' })).toEqual(['cpu']);
  });
});
