/**
 * Stored bytes per 10-s, 500 Hz, 12-lead record: the PTB-XL records 1–200 in shared/refdata. Also
 * compares deflate levels on the codec's payload, which is how the codec's level was chosen.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readPtbxl500 } from '../tests/db/ptbxl-fixture.ts';
import { encodeWaveformSet } from '../src/main/core/storage/waveform-codec.ts';
import { reportTable } from './bench-table.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const sizes: number[] = [];
const payloads: Uint8Array[] = [];
let encodeMs = 0;
for (let ecgId = 1; ecgId <= 200; ecgId++) {
  const { rhythm } = readPtbxl500(ecgId);
  const started = cpuMs();
  const blob = encodeWaveformSet(rhythm);
  encodeMs += cpuMs() - started;
  sizes.push(blob.length);
  payloads.push(inflateRawSync(blob));
}
sizes.sort((a, b) => a - b);

const levelRows: [string, string][] = [1, 4, 6].map((level) => {
  const started = cpuMs();
  const levelSizes = payloads.map((payload) => deflateRawSync(payload, { level }).length);
  const ms = (cpuMs() - started) / payloads.length;
  const mean = levelSizes.reduce((a, b) => a + b, 0) / levelSizes.length;
  return [`deflate level ${level}: mean / largest size, CPU per record`, `${kb(mean)} / ${kb(Math.max(...levelSizes))}, ${ms.toFixed(2)} ms`];
});

reportTable('storage', [
  ['records (PTB-XL 500 Hz, 10 s, 12 leads)', String(sizes.length)],
  ['raw int16 size', kb(5000 * 12 * 2)],
  ['mean stored size', kb(sizes.reduce((a, b) => a + b, 0) / sizes.length)],
  ['median stored size', kb(sizes[Math.floor(sizes.length / 2)])],
  ['largest stored size', kb(sizes.at(-1) ?? 0)],
  ['mean encode CPU time (level 4, the codec\'s)', `${(encodeMs / sizes.length).toFixed(1)} ms`],
  ...levelRows,
]);
