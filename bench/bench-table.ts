/** Prints a benchmark's results as a markdown table and saves them under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function machineLine(): string {
  return `${cpus().length}-core ${process.arch}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

export function reportTable(name: string, rows: [string, string][]): void {
  const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  const text = `## ${name}\n\nMachine: ${machineLine()}\n\n${table}\n`;
  console.log(text);
  const folder = new URL('./results/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  writeFileSync(new URL(`${name}.md`, folder), text);
}
