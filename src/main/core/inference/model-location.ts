/** Resolves the MODEL argument of the CLI: a model folder path, or the id of a model in the store. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homePaths } from '../home.ts';
import { listModels } from './model-store.ts';
import { ModelImportError } from './model-import-error.ts';

export function locateModel(modelArg: string, home: string): string {
  if (existsSync(modelArg)) return modelArg;
  const inStore = join(homePaths.models(home), modelArg);
  if (existsSync(inStore)) return inStore;
  throw new ModelImportError(modelArg, 'no such model folder, and no installed model has this id (see ecg-desk model list)');
}

/** With no --model: the one diagnostic model installed, else a message saying how to add one. */
export function defaultDiagnosticModel(home: string): string {
  const diagnostic = listModels(home).models.filter((m) => m.manifest.diagnostic);
  if (diagnostic.length === 1) return diagnostic[0].modelDir;
  if (diagnostic.length === 0) {
    throw new ModelImportError(homePaths.models(home), 'no diagnostic model is installed: add a HuBERT-ECG checkpoint with `ecg-desk model add DIR`, or pass --model');
  }
  throw new ModelImportError(homePaths.models(home), `${diagnostic.length} diagnostic models are installed: choose one with --model`);
}
