#!/usr/bin/env node
// Browser end-to-end tests: builds the renderer, loads the demo study into a temporary database,
// starts the e2e host on a free port, runs tests/e2e in Debian's Chromium, and prints "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { buildRenderer, startHost } from './build-renderer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'test-results', 'e2e');
const sharedDir = resolve(root, '..', 'shared');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

if (!existsSync(chromiumPath)) {
  console.error(`e2e: no Chromium at ${chromiumPath}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`);
  finish(0, 1);
}
if (!existsSync(join(sharedDir, 'ecg'))) {
  console.error(`e2e: the shared data folder is missing (${sharedDir}/ecg)`);
  finish(0, 1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
console.log('e2e: building the renderer');
await buildRenderer(root);

const work = mkdtempSync(join(tmpdir(), 'ecg-desk-e2e-'));
const home = join(work, 'home');
const db = join(work, 'study.sqlite');
console.log('e2e: loading the demo study');
const demo = spawnSync(process.execPath, [join(root, 'bin', 'ecg-desk.mjs'), 'demo', '--db', db, '--home', home, '--json'], {
  cwd: root,
  encoding: 'utf8',
});
if (demo.status !== 0) {
  console.error(`e2e: demo study failed to load:\n${demo.stdout}${demo.stderr}`);
  finish(0, 1);
}

const { host, baseUrl: hostUrl } = startHost(spawn, root, db, home);
const baseUrl = await hostUrl.catch((error) => {
  console.error(`e2e: ${error.message}`);
  finish(0, 1);
});
console.log(`e2e: host at ${baseUrl}, screenshots in ${outDir}`);

register();
let result = { passed: 0, failed: 1 };
try {
  const { runTests } = await import('../tests/e2e/run.ts');
  result = await runTests({ baseUrl, outDir, sharedDir, executablePath: chromiumPath, log: (line) => console.log(line) });
} catch (error) {
  console.error(`e2e: ${error.stack ?? error}`);
} finally {
  host.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
finish(result.passed, result.failed);
