/** Messages between the app and the inference worker thread. */
import type { WeightPrecision } from './hubert-onnx.ts';
import type { ModelRun } from './inference-session.ts';
import type { InstallResult } from './model-store.ts';

export type InferenceRequest =
  | { id: number; type: 'run'; modelDir: string; windows: Float32Array; batch: number }
  | { id: number; type: 'install'; sourceDir: string; home: string; weightPrecision: WeightPrecision };

export interface RunResult extends ModelRun {
  modelId: string;
  loadMs: number;
}

export type InferenceResponse =
  | { id: number; ok: true; type: 'run'; result: RunResult }
  | { id: number; ok: true; type: 'install'; result: InstallResult }
  | { id: number; ok: false; error: { name: string; message: string } };
