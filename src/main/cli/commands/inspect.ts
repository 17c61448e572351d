/** `ecg-desk inspect FILE [--json]`: decodes one ECG file and prints the record. */
import type { EcgLead, EcgRecord, EcgWaveformSet } from '../../../shared/ecg/record.ts';
import { recordDurationS } from '../../../shared/ecg/record.ts';
import { fileSource } from '../../core/formats/file-source.ts';
import { parseEcg } from '../../core/formats/registry.ts';
import { ECG_FILE_OPTIONS, ECG_FILE_USAGE, ecgFileParseOptions, parseCommandArgs } from '../cli-args.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-command.ts';
import { reportInputFailure } from '../input-failure.ts';

/** The shortest decimal that reads back as the same float32, so 4.88 prints as 4.88, not 4.880000114440918. */
function float32Json(value: number): number | null {
  if (Number.isNaN(value)) return null;
  if (Number.isInteger(value)) return value;
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function leadJson(lead: EcgLead) {
  return {
    name: lead.name,
    derived: lead.derived,
    ...(lead.resolutionUv !== undefined ? { resolutionUv: lead.resolutionUv } : {}),
    samplesUv: Array.from(lead.samplesUv, float32Json),
  };
}

function waveformSetJson(set: EcgWaveformSet) {
  return { sampleRateHz: set.sampleRateHz, durationS: recordDurationS(set), leads: set.leads.map(leadJson) };
}

export function inspectJson(record: EcgRecord) {
  return {
    format: record.format,
    sourceFile: record.sourceFile,
    sourceFiles: record.sourceFiles,
    sampleRateHz: record.rhythm.sampleRateHz,
    durationS: recordDurationS(record.rhythm),
    leads: record.rhythm.leads.map(leadJson),
    ...(record.medianBeats ? { medianBeats: waveformSetJson(record.medianBeats) } : {}),
    statements: record.statements,
    measurements: record.measurements,
    annotations: record.annotations,
    patient: record.patient,
    acquisition: record.acquisition,
    warnings: record.warnings,
  };
}

function summaryText(record: EcgRecord): string {
  const { rhythm } = record;
  const lines = [
    `${record.sourceFile}: ${record.format}, ${rhythm.sampleRateHz} Hz, ${recordDurationS(rhythm).toFixed(2)} s, ${rhythm.leads.length} leads`,
    `  leads: ${rhythm.leads.map((l) => (l.derived ? `${l.name}*` : l.name)).join(' ')}${rhythm.leads.some((l) => l.derived) ? '  (* derived)' : ''}`,
  ];
  if (record.medianBeats) {
    lines.push(`  median beats: ${record.medianBeats.leads.length} leads, ${record.medianBeats.sampleRateHz} Hz, ${recordDurationS(record.medianBeats).toFixed(3)} s`);
  }
  const patient = Object.entries(record.patient).map(([k, v]) => `${k}=${String(v)}`);
  if (patient.length > 0) lines.push(`  patient: ${patient.join(', ')}`);
  if (record.acquisition.dateTime) lines.push(`  acquired: ${record.acquisition.dateTime}`);
  const device = [record.acquisition.manufacturer, record.acquisition.device].filter(Boolean).join(' ');
  if (device) lines.push(`  device: ${device}`);
  for (const s of record.statements) lines.push(`  statement (${s.source}): ${s.text}${s.code ? ` [${s.code}]` : ''}`);
  for (const m of record.measurements) lines.push(`  measurement: ${m.name}${m.lead ? ` (${m.lead})` : ''} = ${m.value} ${m.unit}`);
  if (record.annotations.length > 0) lines.push(`  annotations: ${record.annotations.length}`);
  for (const w of record.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export const inspectCommand: CliCommand = {
  name: ['inspect'],
  usage: `inspect FILE [--json] ${ECG_FILE_USAGE}`,
  summary: 'decode one ECG file and print it (all samples with --json)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, ECG_FILE_OPTIONS, { min: 1, max: 1, names: 'FILE' });
    const path = positionals[0];
    let record: EcgRecord;
    try {
      record = parseEcg(fileSource(path), ecgFileParseOptions(values));
    } catch (error) {
      return reportInputFailure(error, 'inspect', path, io, values.json);
    }
    io.stdout(values.json ? `${JSON.stringify(inspectJson(record))}\n` : summaryText(record));
    return EXIT_OK;
  },
};
