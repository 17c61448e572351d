/**
 * ECG tables in CSV: one column per lead, optionally a time or sample-index column, a header row
 * and free-text preamble lines. The sampling rate and amplitude units come from the file where it
 * states them and from ParseOptions where it does not; with neither, the file is refused.
 */
import type { EcgLead, EcgRecord } from '../../../../shared/ecg/record.ts';
import { STANDARD_12_LEADS, withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import { EcgParseError, type EcgFormatParser, type ParseOptions, type ParseSource } from '../parser.ts';
import { interpretColumn, type CsvColumn } from './csv-columns.ts';
import { readCsvPreamble, type CsvPreambleFacts } from './csv-preamble.ts';
import { splitCsvTable, type CsvTable } from './csv-table.ts';

/** Bytes looked at when sniffing a file whose extension says nothing. */
const SNIFF_BYTES = 64 * 1024;
/** Fewest values for the microvolt-grid test below to be meaningful. */
const GRID_TEST_MIN_VALUES = 1000;

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function columnValues(table: CsvTable, column: number): Float64Array {
  return Float64Array.from(table.rows, (row) => row[column] ?? Number.NaN);
}

function rateFromTimeColumn(values: Float64Array, secondsPerUnit: number): number | undefined {
  const steps: number[] = [];
  for (let i = 1; i < Math.min(values.length, 1001); i++) steps.push((values[i] ?? 0) - (values[i - 1] ?? 0));
  steps.sort((a, b) => a - b);
  const medianStep = steps[Math.floor(steps.length / 2)];
  if (medianStep === undefined || !(medianStep > 0)) return undefined;
  const rateHz = 1 / (medianStep * secondsPerUnit);
  // Times printed with a few decimals give 359.97 Hz for 360 Hz; a rate that close is the integer.
  const rounded = Math.round(rateHz);
  return Math.abs(rateHz - rounded) / rateHz < 1e-3 ? rounded : rateHz;
}

/**
 * True when the numbers are microvolts written by software rather than raw ADC counts: nearly all
 * of them are multiples of 5. ECG_12L.csv (`Gain (digit/millivolt): 2048`) is the case in point:
 * 97% of its values are multiples of 10 (5 in aVR/aVL/aVF, the halves of lead sums), the rest a
 * count or two below (869, 3438: a rescaling artefact at large amplitudes), which 2048-per-mV ADC
 * counts would never be. Read as µV they give R ≈ 2.0–2.5 mV in II, S ≈ 3.4 mV in V2 and 68 bpm at
 * the stated 500 Hz: a normal adult ECG. So the gain line describes the acquisition, not the numbers.
 */
function onMicrovoltGrid(leadValues: readonly Float64Array[]): boolean {
  let count = 0;
  let multiplesOfFive = 0;
  for (const values of leadValues) {
    for (const value of values) {
      if (Number.isNaN(value)) continue;
      if (!Number.isInteger(value)) return false;
      count++;
      if (value % 5 === 0) multiplesOfFive++;
    }
  }
  return count >= GRID_TEST_MIN_VALUES && multiplesOfFive / count >= 0.9;
}

interface LeadColumn {
  column: number;
  name: string;
  uvPerUnit?: number;
}

function describeColumns(table: CsvTable, warnings: string[]): { leads: LeadColumn[]; time?: { column: number; secondsPerUnit: number } } {
  let columns: CsvColumn[];
  if (table.header) {
    columns = table.header.map(interpretColumn);
  } else if (table.columnCount === STANDARD_12_LEADS.length) {
    warnings.push('no header row: the 12 columns are taken as I, II, III, aVR, aVL, aVF, V1–V6');
    columns = STANDARD_12_LEADS.map((name) => ({ kind: 'lead', name }));
  } else {
    warnings.push(`no header row: the ${table.columnCount} columns are named Channel 1–${table.columnCount}`);
    columns = Array.from({ length: table.columnCount }, (_, i) => ({ kind: 'lead', name: `Channel ${i + 1}` }));
  }
  const leads: LeadColumn[] = [];
  let time: { column: number; secondsPerUnit: number } | undefined;
  const empty: string[] = [];
  columns.forEach((column, index) => {
    if (table.rows.every((row) => Number.isNaN(row[index] ?? Number.NaN))) {
      if (column.kind === 'lead' && column.name !== '') empty.push(column.name);
      return;
    }
    if (column.kind === 'time' && time === undefined) time = { column: index, secondsPerUnit: column.secondsPerUnit };
    if (column.kind === 'lead') {
      leads.push({ column: index, name: column.name || `Channel ${index + 1}`, ...(column.uvPerUnit !== undefined ? { uvPerUnit: column.uvPerUnit } : {}) });
    }
  });
  if (empty.length > 0) warnings.push(`empty columns left out: ${empty.join(', ')}`);
  return { leads, ...(time !== undefined ? { time } : {}) };
}

function sampleRate(
  fileName: string,
  preamble: CsvPreambleFacts,
  table: CsvTable,
  time: { column: number; secondsPerUnit: number } | undefined,
  options: ParseOptions | undefined
): number {
  if (preamble.sampleRateHz !== undefined) return preamble.sampleRateHz;
  if (time !== undefined) {
    const rateHz = rateFromTimeColumn(columnValues(table, time.column), time.secondsPerUnit);
    if (rateHz !== undefined && rateHz >= 1 && rateHz <= 100_000) return rateHz;
  }
  if (options?.sampleRateHz !== undefined && options.sampleRateHz > 0) return options.sampleRateHz;
  throw new EcgParseError(
    fileName,
    'does not state its sampling rate (no rate line such as "500 Hz" and no time column); give the sampling rate explicitly'
  );
}

function parseCsv(source: ParseSource, options?: ParseOptions): EcgRecord {
  const { fileName } = source;
  const text = decodeText(source.bytes);
  if (text === undefined) throw new EcgParseError(fileName, 'is not a text file');
  const table = splitCsvTable(text);
  if (table === undefined || table.rows.length === 0) {
    throw new EcgParseError(fileName, 'holds no table of numbers (expected one column per lead, separated by , ; or tab)');
  }
  const warnings: string[] = [];
  if (table.droppedLastLine !== undefined) {
    warnings.push(`the last line '${table.droppedLastLine.slice(0, 40)}' is an incomplete row (truncated file?) and was left out`);
  }
  const preamble = readCsvPreamble(table.preamble);
  const { leads: leadColumns, time } = describeColumns(table, warnings);
  if (leadColumns.length === 0) throw new EcgParseError(fileName, 'has no lead column with any value');
  const sampleRateHz = sampleRate(fileName, preamble, table, time, options);
  const values = leadColumns.map((lead) => columnValues(table, lead.column));
  let fileUvPerUnit = preamble.uvPerUnit;
  if (fileUvPerUnit === undefined && preamble.gain !== undefined) {
    const { countsPerUnit, unit } = preamble.gain;
    if (onMicrovoltGrid(values)) {
      fileUvPerUnit = 1;
      warnings.push(
        `the preamble states a gain of ${countsPerUnit} per ${unit}, but the values lie on a 5 µV grid, so they are read as microvolts`
      );
    } else {
      fileUvPerUnit = preamble.gain.uvPerCount;
    }
  }
  const leads: EcgLead[] = leadColumns.map((lead, i) => {
    const uvPerUnit = lead.uvPerUnit ?? fileUvPerUnit ?? options?.uvPerUnit;
    if (uvPerUnit === undefined) {
      throw new EcgParseError(
        fileName,
        `does not state its amplitude units (lead ${lead.name}: no unit in the column name or a units line); give the microvolts per unit explicitly`
      );
    }
    const column = values[i] as Float64Array;
    const samplesUv = Float32Array.from(column, (v) => v * uvPerUnit);
    const resolutionUv = uvPerUnit / 10 ** (table.decimalPlaces[lead.column] ?? 0);
    return { name: lead.name, derived: false, samplesUv, resolutionUv };
  });
  return {
    format: 'csv',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: { sampleRateHz, leads: withDerivedLimbLeads(leads) },
    patient: {},
    acquisition: table.preamble.length > 0 ? { comments: table.preamble } : {},
    statements: [],
    measurements: [],
    annotations: [],
    warnings,
  };
}

export const csvParser: EcgFormatParser = {
  format: 'csv',
  extensions: ['.csv'],
  sniff(source: ParseSource): boolean {
    const head = decodeText(source.bytes.subarray(0, SNIFF_BYTES));
    if (head === undefined) return false;
    const complete = source.bytes.length > SNIFF_BYTES ? head.slice(0, head.lastIndexOf('\n')) : head;
    const table = splitCsvTable(complete);
    return table !== undefined && table.rows.length >= 10;
  },
  parse: parseCsv,
};
