/**
 * The user data folder: settings, models and the default study database. `--home` or ECG_DESK_HOME
 * override it so that tests and scripts never touch a real user's data.
 */
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ECG Desk');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'ECG Desk');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ecg-desk');
  }
}

export function resolveHomeDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.ECG_DESK_HOME) return resolve(env.ECG_DESK_HOME);
  return defaultHomeDir(env);
}

export const homePaths = {
  database: (home: string) => join(home, 'study.sqlite'),
  models: (home: string) => join(home, 'models'),
  settings: (home: string) => join(home, 'settings.json'),
};
