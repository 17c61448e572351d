/** Temp homes with test models installed, temp studies of real files, and a 164-label test checkpoint. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPER_SETTINGS_FILE } from '../../src/main/core/ai/developer-settings.ts';
import { installModel, type InstallResult } from '../../src/main/core/inference/model-store.ts';
import { StudyService } from '../../src/main/core/study/study-service.ts';
import { randomValues, readConfigJson, readTensors, tempDir, TINY_DIR, writeCheckpoint } from '../inference/fixture-files.ts';
import { sharedPath } from '../support/shared-data.ts';

export { TINY_DIR, tempDir };

export const ECG_FILES = {
  ptbxl100Hz: sharedPath('ecg/wfdb/ptbxl/00001_lr.hea'),
  challenge500Hz: sharedPath('ecg/wfdb/challenge2021/JS00001.hea'),
  muse: sharedPath('ecg/muse_xml/example1.xml'),
  mitdbTwoLeads: sharedPath('ecg/wfdb/mitdb/100.hea'),
};

/** A user data folder; allowTestModels goes in its developer settings file. */
export function tempHome(allowTestModels: boolean): string {
  const home = tempDir('ai-home');
  writeFileSync(join(home, DEVELOPER_SETTINGS_FILE), JSON.stringify({ allowTestModels }));
  return home;
}

/**
 * The tiny fixture's backbone with a random 164-output head: gets the Cardio-Learning labels, stays a
 * test model. Other seeds give another head, a second model whose risks differ.
 */
export function tiny164Checkpoint(seeds: { weight: number; bias: number } = { weight: 7, bias: 11 }): string {
  const tensors = readTensors(TINY_DIR);
  const hidden = tensors.get('classifier.weight')?.shape[1] ?? 0;
  tensors.set('classifier.weight', { shape: [164, hidden], data: randomValues(164 * hidden, seeds.weight, 0.6) });
  tensors.set('classifier.bias', { shape: [164], data: randomValues(164, seeds.bias, 1.5) });
  return writeCheckpoint({ ...readConfigJson(TINY_DIR), num_labels: 164 }, tensors);
}

export function installTestModel(sourceDir: string, home: string): Promise<InstallResult> {
  return installModel(sourceDir, home);
}

/** ECG_12L.csv (500 Hz, 12 leads) cut to its first 4 s: a real record too short for one 5-s window. */
export function shortCsvRecord(): string {
  const lines = readFileSync(sharedPath('ecg/csv/ECG_12L.csv'), 'utf8').split('\n');
  const dir = tempDir('short-record');
  const path = join(dir, 'ECG_12L_first_4s.csv');
  writeFileSync(path, `${lines.slice(0, 3 + 4 * 500).join('\n')}\n`);
  return path;
}

/** A new study database holding the given files; returns its path and the record id of each file, in order. */
export async function studyOf(files: readonly string[]): Promise<{ databasePath: string; recordIds: number[] }> {
  const databasePath = join(tempDir('ai-study'), 'study.sqlite');
  const study = new StudyService(databasePath, 'test');
  try {
    const recordIds: number[] = [];
    for (const file of files) {
      const result = await study.importPaths([file], { workerCount: 0 });
      if (result.recordIds.length !== 1) throw new Error(`${file}: imported ${result.recordIds.length} records (${JSON.stringify(result.failed)})`);
      recordIds.push(result.recordIds[0]);
    }
    return { databasePath, recordIds };
  } finally {
    study.close();
  }
}
