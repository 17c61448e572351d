/** Stored bytes per 10-s, 500 Hz, 12-lead record: the PTB-XL records 1–200 in shared/refdata. */
import { readPtbxl500 } from '../tests/db/ptbxl-fixture.ts';
import { encodeWaveformSet } from '../src/main/core/storage/waveform-codec.ts';
import { reportTable } from './bench-table.ts';

const sizes: number[] = [];
let encodeMs = 0;
for (let ecgId = 1; ecgId <= 200; ecgId++) {
  const { rhythm } = readPtbxl500(ecgId);
  const started = performance.now();
  sizes.push(encodeWaveformSet(rhythm).length);
  encodeMs += performance.now() - started;
}
sizes.sort((a, b) => a - b);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
reportTable('storage', [
  ['records (PTB-XL 500 Hz, 10 s, 12 leads)', String(sizes.length)],
  ['raw int16 size', kb(5000 * 12 * 2)],
  ['mean stored size', kb(sizes.reduce((a, b) => a + b, 0) / sizes.length)],
  ['median stored size', kb(sizes[Math.floor(sizes.length / 2)])],
  ['largest stored size', kb(sizes.at(-1) ?? 0)],
  ['mean encode time', `${(encodeMs / sizes.length).toFixed(1)} ms`],
]);
