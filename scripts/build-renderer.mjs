// Builds the renderer alone (no Electron main or preload) into out/renderer, for the e2e host and the benchmarks.
import { join } from 'node:path';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export async function buildRenderer(root) {
  const outDir = join(root, 'out', 'renderer');
  await build({
    root: join(root, 'src', 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export function startHost(spawn, root, db, home) {
  const host = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/host/main.ts', '--db', db, '--port', '0', '--home', home], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stderr.on('data', (chunk) => process.stderr.write(`[host] ${chunk}`));
  const baseUrl = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('the e2e host did not start within 60 s')), 60_000);
    let seen = '';
    host.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    host.once('exit', (code) => reject(new Error(`the e2e host exited with ${code}`)));
  });
  return { host, baseUrl };
}
