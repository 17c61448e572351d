/**
 * The model store: one folder per model under the user data folder's models/, each holding
 * model.onnx + manifest.json. Installs are atomic (built in a hidden temp folder, checked by
 * loading it in onnxruntime, then renamed into place), so the store never holds half a model.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { homePaths } from '../home.ts';
import { CHECKPOINT_CONFIG_FILE, CHECKPOINT_WEIGHTS_FILE, compileHubertCheckpoint } from './hubert-checkpoint.ts';
import type { WeightPrecision } from './hubert-onnx.ts';
import { MANIFEST_FILE_NAME, manifestProblem, MODEL_FILE_NAME, modelManifestSchema, type ModelManifest } from './manifest.ts';
import { ModelImportError } from './model-import-error.ts';

export interface InstalledModel {
  modelDir: string;
  manifest: ModelManifest;
}

export interface InstallResult extends InstalledModel {
  /** False when the same model (same id and weights) was already installed. */
  installed: boolean;
  kind: 'hubert-checkpoint' | 'onnx-with-manifest';
}

const TEMP_PREFIX = '.installing-';
/** An install takes seconds; a temp folder this old was left by a process that died mid-install. */
const ABANDONED_INSTALL_AGE_MS = 60 * 60 * 1000;

export async function installModel(
  sourceDir: string,
  home: string,
  options: { weightPrecision?: WeightPrecision } = {},
): Promise<InstallResult> {
  const source = resolve(sourceDir);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new ModelImportError(source, 'not a folder');
  const has = (file: string) => existsSync(join(source, file));
  if (has(CHECKPOINT_CONFIG_FILE) && has(CHECKPOINT_WEIGHTS_FILE)) {
    const { onnxBytes, manifest } = compileHubertCheckpoint(source, options);
    return commit(home, manifest, 'hubert-checkpoint', (tempDir) => writeFileSync(join(tempDir, MODEL_FILE_NAME), onnxBytes));
  }
  if (has(MODEL_FILE_NAME)) {
    if (!has(MANIFEST_FILE_NAME)) {
      throw new ModelImportError(join(source, MODEL_FILE_NAME), `an ONNX model needs a ${MANIFEST_FILE_NAME} beside it (labels, input spec, licence); none found`);
    }
    const manifest = readManifest(join(source, MANIFEST_FILE_NAME));
    return commit(home, manifest, 'onnx-with-manifest', (tempDir) => copyFileSync(join(source, MODEL_FILE_NAME), join(tempDir, MODEL_FILE_NAME)));
  }
  const onnxFiles = readdirSync(source).filter((f) => f.toLowerCase().endsWith('.onnx'));
  if (onnxFiles.length > 0 && !has(MANIFEST_FILE_NAME)) {
    throw new ModelImportError(join(source, onnxFiles[0]), `an ONNX model needs a ${MANIFEST_FILE_NAME} beside it (labels, input spec, licence); none found`);
  }
  if (has(CHECKPOINT_CONFIG_FILE)) throw new ModelImportError(source, `has ${CHECKPOINT_CONFIG_FILE} but no ${CHECKPOINT_WEIGHTS_FILE}`);
  if (has(CHECKPOINT_WEIGHTS_FILE)) throw new ModelImportError(source, `has ${CHECKPOINT_WEIGHTS_FILE} but no ${CHECKPOINT_CONFIG_FILE}`);
  throw new ModelImportError(
    source,
    `no model found: expected ${CHECKPOINT_CONFIG_FILE} + ${CHECKPOINT_WEIGHTS_FILE} (a HuBERT-ECG checkpoint) or ${MODEL_FILE_NAME} + ${MANIFEST_FILE_NAME}`,
  );
}

export function listModels(home: string): { models: InstalledModel[]; problems: string[] } {
  const modelsDir = homePaths.models(home);
  if (!existsSync(modelsDir)) return { models: [], problems: [] };
  const models: InstalledModel[] = [];
  const problems: string[] = [];
  for (const entry of readdirSync(modelsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    try {
      models.push(readInstalledModel(join(modelsDir, entry.name)));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  models.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  return { models, problems };
}

/** A model folder's manifest, validated, with its model.onnx present. */
export function readInstalledModel(modelDir: string): InstalledModel {
  const dir = resolve(modelDir);
  const manifest = readManifest(join(dir, MANIFEST_FILE_NAME));
  if (!existsSync(join(dir, MODEL_FILE_NAME))) throw new ModelImportError(join(dir, MODEL_FILE_NAME), 'missing from the model folder');
  return { modelDir: dir, manifest };
}

function readManifest(path: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelImportError(path, `cannot read manifest: ${(error as Error).message}`);
  }
  const problem = manifestProblem(json);
  if (problem) throw new ModelImportError(path, `invalid manifest: ${problem}`);
  return modelManifestSchema.parse(json);
}

async function commit(
  home: string,
  manifest: ModelManifest,
  kind: InstallResult['kind'],
  writeModel: (tempDir: string) => void,
): Promise<InstallResult> {
  const modelsDir = homePaths.models(home);
  mkdirSync(modelsDir, { recursive: true });
  const finalDir = join(modelsDir, manifest.id);
  if (existsSync(finalDir)) {
    const existing = readInstalledModel(finalDir);
    if (existing.manifest.weightsSha256 !== manifest.weightsSha256) {
      throw new ModelImportError(finalDir, `a different model with id '${manifest.id}' is already installed`);
    }
    return { ...existing, installed: false, kind };
  }
  removeAbandonedInstalls(modelsDir);
  const tempDir = mkdtempSync(join(modelsDir, TEMP_PREFIX));
  try {
    writeModel(tempDir);
    await checkLoads(join(tempDir, MODEL_FILE_NAME), manifest);
    writeFileSync(join(tempDir, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(tempDir, finalDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return { modelDir: finalDir, manifest, installed: true, kind };
}

function removeAbandonedInstalls(modelsDir: string): void {
  for (const entry of readdirSync(modelsDir)) {
    const path = join(modelsDir, entry);
    if (entry.startsWith(TEMP_PREFIX) && Date.now() - statSync(path).mtimeMs > ABANDONED_INSTALL_AGE_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** The model must load in onnxruntime and expose the input and outputs its manifest names. */
async function checkLoads(modelPath: string, manifest: ModelManifest): Promise<void> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
  } catch (error) {
    throw new ModelImportError(MODEL_FILE_NAME, `onnxruntime cannot load it: ${(error as Error).message}`);
  }
  try {
    if (!session.inputNames.includes(manifest.inputName)) {
      throw new ModelImportError(MODEL_FILE_NAME, `has no input '${manifest.inputName}' (inputs: ${session.inputNames.join(', ')})`);
    }
    const logits = manifest.outputs.logits;
    if (logits !== null && !session.outputNames.includes(logits)) {
      throw new ModelImportError(MODEL_FILE_NAME, `has no output '${logits}' (outputs: ${session.outputNames.join(', ')})`);
    }
  } finally {
    await session.release();
  }
}
