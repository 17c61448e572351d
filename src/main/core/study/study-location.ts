/** Which study database a command works on: --db, else the default one in the user data folder. */
import { resolve } from 'node:path';
import { homePaths, resolveHomeDir } from '../home.ts';

export function studyDatabasePath(dbFlag: string | undefined, homeFlag: string | undefined, env: NodeJS.ProcessEnv): string {
  return dbFlag ? resolve(dbFlag) : homePaths.database(resolveHomeDir(homeFlag, env));
}
