import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.ts';
import { maxAbsDifference, randomValues, readConfigJson, readExpected, readTensors, SHARED_DIR, tempDir, TINY_DIR, writeCheckpoint } from './fixture-files.ts';

const ECG_FILE = join(SHARED_DIR, 'ecg/wfdb/challenge2021/JS00001.hea');

describe('ecg-desk model add / list / run', () => {
  it('installs the fixture, lists it, and runs the reference input to the expected logits', async () => {
    const home = tempDir('home');
    const added = await runCli(['model', 'add', TINY_DIR, '--json', '--home', home]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const addResult = JSON.parse(added.stdout);
    expect(addResult).toMatchObject({ installed: true, labels: 5, diagnostic: false, weightPrecision: 'fp32' });
    expect(existsSync(join(addResult.modelDir, 'model.onnx'))).toBe(true);

    const listed = JSON.parse((await runCli(['model', 'list', '--json', '--home', home])).stdout);
    expect(listed.models.map((m: { modelDir: string }) => m.modelDir)).toEqual([addResult.modelDir]);

    const run = await runCli(['model', 'run', addResult.modelDir, '--input', join(TINY_DIR, 'expected.json'), '--json', '--repeat', '3']);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    const expected = readExpected(TINY_DIR);
    expect(output.logits).toHaveLength(2);
    expect(maxAbsDifference(output.logits.flat(), expected.logits.flat())).toBeLessThan(1e-4);
    expect(output.executionProvider).toBe('cpu');
    expect(output.timingsMs.load).toBeGreaterThan(0);
    expect(output.timingsMs.run).toBeGreaterThan(0);
    expect(output.repeat).toBe(3);

    const byId = JSON.parse((await runCli(['model', 'run', addResult.id, '--input', join(TINY_DIR, 'expected.json'), '--json', '--home', home])).stdout);
    expect(byId.logits).toEqual(output.logits);
  });

  it('reports bad input as a failed input, not a crash', async () => {
    const home = tempDir('home');
    const { modelDir } = JSON.parse((await runCli(['model', 'add', TINY_DIR, '--json', '--home', home])).stdout);
    const badFile = join(tempDir('input'), 'bad.json');
    writeFileSync(badFile, JSON.stringify({ input: [[1, 2, 3], [1, 2]] }));
    const ragged = await runCli(['model', 'run', modelDir, '--input', badFile]);
    expect(ragged.code).toBe(1);
    expect(ragged.stderr).toContain('window 1 has 2 samples, window 0 has 3');
    writeFileSync(badFile, JSON.stringify({ input: [[1, 2, 3]] }));
    const tooShort = await runCli(['model', 'run', modelDir, '--input', badFile]);
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toMatch(/cannot run an input of \[1, 3\]/);
    const missing = await runCli(['model', 'run', join(home, 'nowhere'), '--input', badFile, '--home', home]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such model folder');
    expect((await runCli(['model', 'run', modelDir])).code).toBe(2);
    const notHubert = tempDir('checkpoint');
    writeFileSync(join(notHubert, 'config.json'), JSON.stringify({ model_type: 'wav2vec2' }));
    writeFileSync(join(notHubert, 'model.safetensors'), '');
    const refused = await runCli(['model', 'add', notHubert, '--home', home]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("config.json: model_type 'wav2vec2' is not a HuBERT-ECG model");
  });
});

describe('ecg-desk predict', () => {
  it('ranks the labels of a 10-s 12-lead ECG over six windows and reports the mortality output with its caveat', async () => {
    const tensors = readTensors(TINY_DIR);
    tensors.set('classifier.weight', { shape: [164, 32], data: randomValues(164 * 32, 5, 0.3) });
    tensors.set('classifier.bias', { shape: [164], data: randomValues(164, 6, 0.3) });
    const checkpoint = writeCheckpoint({ ...readConfigJson(TINY_DIR), num_labels: 164 }, tensors);
    const home = tempDir('home');
    const { modelDir } = JSON.parse((await runCli(['model', 'add', checkpoint, '--json', '--home', home])).stdout);

    const result = await runCli(['predict', ECG_FILE, '--model', modelDir, '--json']);
    expect(result.stderr).toBe('');
    const prediction = JSON.parse(result.stdout);
    expect(prediction.executionProvider).toBe('cpu');
    expect(prediction.windows.map((w: { startS: number }) => w.startS)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(prediction.labels).toHaveLength(164);
    const probabilities = prediction.labels.map((l: { probability: number }) => l.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    for (const label of prediction.labels) expect(label.probability).toBeGreaterThanOrEqual(label.meanProbability - 1e-12);
    const death = prediction.labels.find((l: { code: string }) => l.code === 'SAMITROP-DEATH');
    expect(prediction.mortality).toMatchObject({ probability: death.probability, label: 'death in patients with chagas' });
    expect(prediction.mortality.caveat).toMatch(/Chagas/);
    expect(prediction.model.diagnostic).toBe(false);
    expect(prediction.warning).toMatch(/not a diagnostic model/);
  });

  it('says how to add a model when none is installed, and names a file it cannot read', async () => {
    const home = tempDir('home');
    const none = await runCli(['predict', ECG_FILE, '--home', home]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no diagnostic model is installed: add a HuBERT-ECG checkpoint with `ecg-desk model add DIR`');
    const { modelDir } = JSON.parse((await runCli(['model', 'add', TINY_DIR, '--json', '--home', home])).stdout);
    const missingFile = await runCli(['predict', join(home, 'nothing.hea'), '--model', modelDir]);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toContain('nothing.hea');
  });
});
