import { afterAll, describe, expect, it } from 'vitest';
import { InferenceClient, InferenceWorkerError } from '../../src/main/core/inference/inference-client.ts';
import { inputTensor, maxAbsDifference, readExpected, tempDir, TINY_PARAM_DIR } from './fixture-files.ts';

describe('inference worker', () => {
  const client = new InferenceClient();
  afterAll(() => client.close());

  it('installs and runs a batch of windows off the calling thread', async () => {
    const home = tempDir('home');
    const installed = await client.install(TINY_PARAM_DIR, home);
    expect(installed.installed).toBe(true);
    const expected = readExpected(TINY_PARAM_DIR);
    const windows = inputTensor(expected);
    const result = await client.run(installed.modelDir, windows, 2);
    expect(result.executionProvider).toBe('cpu');
    expect(result.batch).toBe(2);
    expect(result.outputs).toBe(7);
    expect(maxAbsDifference(result.logits, expected.logits.flat())).toBeLessThan(1e-4);
    // The caller's array is not transferred away.
    expect(windows.length).toBe(12000);
    const cached = await client.run(installed.modelDir, windows, 2);
    expect(cached.loadMs).toBe(result.loadMs);
  });

  it('passes errors back as data', async () => {
    const failure = client.run(tempDir('no-model'), new Float32Array(6000), 1);
    await expect(failure).rejects.toThrow(InferenceWorkerError);
    await expect(client.run(tempDir('no-model'), new Float32Array(6000), 1)).rejects.toThrow(/manifest\.json: cannot read manifest/);
  });
});
