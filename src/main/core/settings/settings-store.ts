/**
 * Workstation settings (screen calibration, worklist layout) in settings.json in the user data
 * folder: they belong to this screen and reader, not to a study database.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { settingsSchema, type Settings } from '../../../shared/contract/api.ts';

export const DEFAULT_SETTINGS: Settings = {
  // 96 CSS px per inch, the browser's nominal density, until the user calibrates the screen.
  pxPerMm: 96 / 25.4,
  worklistColumns: ['acquiredAt', 'patientName', 'patientId', 'status', 'aiRisk', 'format', 'durationS', 'statementsSummary'],
  qtcFormula: 'bazett',
};

export interface SettingsStore {
  get(): Settings;
  set(changes: Partial<Settings>): Settings;
}

export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
}

export function settingsFileStore(path: string): SettingsStore {
  const read = (): Settings => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
      throw error;
    }
    const parsed = settingsSchema.partial().safeParse(JSON.parse(text));
    if (!parsed.success) throw new SettingsFileError(`${path}: not valid settings: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    return { ...DEFAULT_SETTINGS, ...parsed.data };
  };
  return {
    get: read,
    set(changes: Partial<Settings>): Settings {
      const next = settingsSchema.parse({ ...read(), ...changes });
      mkdirSync(dirname(path), { recursive: true });
      // Write then rename, so a crash never leaves half a settings file.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(temporary, path);
      return next;
    },
  };
}
