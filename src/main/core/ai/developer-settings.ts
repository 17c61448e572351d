/**
 * Developer settings: a small JSON file in the user data folder that no screen shows or edits.
 * allowTestModels lets the queue and the UI use random-weight test checkpoints (tests, demos of the
 * plumbing); every screen then says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DEVELOPER_SETTINGS_FILE = 'developer-settings.json';

const developerSettingsSchema = z.object({ allowTestModels: z.boolean().default(false) });
export type DeveloperSettings = z.infer<typeof developerSettingsSchema>;

export class DeveloperSettingsError extends Error {
  override readonly name = 'DeveloperSettingsError';
}

export function developerSettingsPath(home: string): string {
  return join(home, DEVELOPER_SETTINGS_FILE);
}

/** Read on every use, so a test or a developer can flip a setting without restarting the app. */
export function readDeveloperSettings(home: string): DeveloperSettings {
  const path = developerSettingsPath(home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { allowTestModels: false };
    throw new DeveloperSettingsError(`${path}: cannot read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeveloperSettingsError(`${path}: not JSON: ${(error as Error).message}`);
  }
  const parsed = developerSettingsSchema.safeParse(json);
  if (!parsed.success) throw new DeveloperSettingsError(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid developer settings'}`);
  return parsed.data;
}
