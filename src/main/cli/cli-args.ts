/** Argument parsing shared by every sub-command: node's parseArgs, strict, with usage errors as UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ParseOptions } from '../core/formats/parser.ts';
import { UsageError } from './cli-command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', default: false },
  home: { type: 'string' },
} as const satisfies Options;

/** For commands that read an ECG file: what a CSV (or another format that does not say) leaves out. */
export const ECG_FILE_OPTIONS = {
  'sample-rate': { type: 'string' },
  'uv-per-unit': { type: 'string' },
} as const satisfies Options;
export const ECG_FILE_USAGE = '[--sample-rate HZ] [--uv-per-unit UV]';

export function parseCommandArgs<T extends Options>(
  argv: string[],
  options: T,
  positionals: { min: number; max: number; names: string }
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`missing ${positionals.names}`);
  if (count > positionals.max) throw new UsageError(`too many arguments: ${parsed.positionals.slice(positionals.max).join(' ')}`);
  return parsed;
}

/** Parses a positive number option, naming the option in the error. */
export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got '${value}'`);
  return n;
}

export function ecgFileParseOptions(values: { 'sample-rate'?: string; 'uv-per-unit'?: string }): ParseOptions {
  return {
    sampleRateHz: numberOption(values['sample-rate'], 'sample-rate'),
    uvPerUnit: numberOption(values['uv-per-unit'], 'uv-per-unit'),
  };
}

export function writeJson(io: { stdout(text: string): void }, value: unknown): void {
  io.stdout(`${JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v))}\n`);
}
