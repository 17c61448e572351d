/**
 * Runs the benchmarks one after another, each in its own Node process so that one's memory and
 * warm caches do not colour the next. `npm run bench` runs them all; `npm run bench -- NAME…`
 * runs the named ones (file names without .ts). Each prints its table and writes bench/results/.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Cheap and self-contained first; the renderer one needs Chromium, inference the most time. */
const BENCHMARKS = ['measurements', 'storage', 'import', 'worklist', 'inference', 'renderer'] as const;

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${BENCHMARKS.join(', ')})`);
  process.exit(2);
}
const failed: string[] = [];
for (const name of requested.length > 0 ? requested : BENCHMARKS) {
  console.log(`\n=== bench/${name}.ts ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
