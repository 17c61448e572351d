/**
 * The e2e test host: `npm run e2e:host -- --db FILE --port N [--home DIR] [--static DIR]`.
 * Runs the real core services (database worker, import, settings) behind the contract over HTTP on
 * 127.0.0.1, and serves the built renderer, which then talks to it instead of Electron's preload.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openStudyWorker } from '../../../src/main/core/db/db-client.ts';
import { createApiHandlers } from '../../../src/main/core/api/handlers.ts';
import { settingsFileStore } from '../../../src/main/core/settings/settings-store.ts';
import { homePaths, resolveHomeDir } from '../../../src/main/core/home.ts';
import { startAiWorker } from '../../../src/main/core/ai/ai-client.ts';
import { withAiAfterImport } from '../../../src/main/core/ai/import-hook.ts';
import { withMeasurementsAfterImport } from '../../../src/main/core/measurements/measure-after-import.ts';
import { createHostServer } from './server.ts';

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

function usage(message: string): never {
  process.stderr.write(`e2e host: ${message}\nUsage: npm run e2e:host -- --db FILE --port N [--home DIR] [--static DIR]\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string' }, port: { type: 'string' }, home: { type: 'string' }, static: { type: 'string' } },
  }));
} catch (error) {
  usage((error as Error).message);
}
if (!values.db) usage('--db FILE is required');
const port = Number(values.port ?? '0');
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number, not '${values.port}'`);
const home = resolveHomeDir(values.home);
const staticDir = resolve(values.static ?? DEFAULT_STATIC_DIR);
if (!existsSync(resolve(staticDir, 'index.html'))) {
  usage(`no built renderer in ${staticDir} (run \`npx electron-vite build\` or \`npm run e2e\` first)`);
}

const study = await openStudyWorker(resolve(values.db));
const ai = await startAiWorker({ databasePath: resolve(values.db), home, actor: 'e2e' });
const dispatcher = createApiHandlers(withAiAfterImport(withMeasurementsAfterImport(study), ai), settingsFileStore(homePaths.settings(home)), ai);
const server = createHostServer(dispatcher, staticDir);
server.listen(port, '127.0.0.1', () => {
  const { port: actualPort } = server.address() as AddressInfo;
  // The e2e runner waits for this line and reads the port from it.
  process.stdout.write(`e2e host listening on http://127.0.0.1:${actualPort}/ (db ${resolve(values.db ?? '')}, home ${home})\n`);
});

async function shutdown(): Promise<void> {
  server.close();
  await ai.close();
  await study.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
