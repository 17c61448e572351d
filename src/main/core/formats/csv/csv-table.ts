/**
 * Splits ECG CSV text into its parts: preamble lines, an optional header row and the block of
 * numeric rows, with the delimiter (comma, semicolon or tab) found from the data itself.
 * Written here because ECG exports are plain numeric tables: a general CSV library would still
 * leave the preamble, header and unit detection to us.
 */

export interface CsvTable {
  delimiter: string;
  /** Lines before the header (or before the data when there is no header), trimmed, non-empty. */
  preamble: string[];
  /** Column names, unquoted and trimmed, when the file has a header row. */
  header?: string[];
  /** Numeric rows; a blank cell is NaN. Every row has `columnCount` cells. */
  rows: Float64Array[];
  columnCount: number;
  /** Per column: the largest number of decimal places written, to tell the file's resolution. */
  decimalPlaces: number[];
  /** A last line left out because it is a cut-off row (a truncated file). */
  droppedLastLine?: string;
}

const DELIMITERS = ['\t', ';', ','] as const;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/** Rows examined to choose the delimiter: enough to be sure, few enough to stay cheap on big files. */
const SAMPLE_ROWS = 200;

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** A cell as a number: '' is a blank (NaN); a decimal comma is accepted where the comma is not the delimiter. */
function cellValue(cell: string, delimiter: string): number | undefined {
  let text = unquote(cell);
  if (text === '') return Number.NaN;
  if (delimiter !== ',' && /^[-+]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
  return NUMBER.test(text) ? Number(text) : undefined;
}

function isNumericRow(cells: readonly string[], delimiter: string): boolean {
  return cells.every((cell) => cellValue(cell, delimiter) !== undefined) && cells.some((cell) => unquote(cell) !== '');
}

/** How many lines before `end` form a run of numeric rows with the same cell count as line `end − 1`. */
function numericRunLength(lines: readonly string[], delimiter: string, end: number, limit: number): number {
  const columnCount = (lines[end - 1] ?? '').split(delimiter).length;
  let start = end;
  while (start > 0 && end - start < limit) {
    const cells = (lines[start - 1] ?? '').split(delimiter);
    if (cells.length !== columnCount || !isNumericRow(cells, delimiter)) break;
    start--;
  }
  return end - start;
}

interface TableShape {
  delimiter: string;
  /** One past the last data line: the last line, or the one before when a cut-off last row is dropped. */
  end: number;
}

/** The delimiter and data end giving the longest run of numeric rows at the end of the file. */
function chooseShape(lines: readonly string[]): TableShape | undefined {
  let best: (TableShape & { run: number }) | undefined;
  for (const end of [lines.length, lines.length - 1]) {
    for (const delimiter of DELIMITERS) {
      if ((lines[end - 1] ?? '').split(delimiter).length < 2) continue;
      const run = numericRunLength(lines, delimiter, end, SAMPLE_ROWS);
      if (run > 0 && (best === undefined || run > best.run)) best = { delimiter, end, run };
    }
  }
  if (best !== undefined) return best;
  // A single column of numbers has no delimiter to find.
  return numericRunLength(lines, ',', lines.length, SAMPLE_ROWS) > 0 ? { delimiter: ',', end: lines.length } : undefined;
}

function decimals(cell: string): number {
  const text = unquote(cell);
  const match = /[.,](\d+)(?:[eE]|$)/.exec(text);
  return match?.[1]?.length ?? 0;
}

/** Splits the text; undefined when its last lines are not a numeric table. */
export function splitCsvTable(text: string): CsvTable | undefined {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const shape = chooseShape(lines);
  if (shape === undefined) return undefined;
  const { delimiter, end } = shape;
  const columnCount = (lines[end - 1] ?? '').split(delimiter).length;
  const dataStart = end - numericRunLength(lines, delimiter, end, Number.POSITIVE_INFINITY);
  const rows: Float64Array[] = [];
  const decimalPlaces = new Array<number>(columnCount).fill(0);
  for (let i = dataStart; i < end; i++) {
    const cells = (lines[i] ?? '').split(delimiter);
    const row = new Float64Array(columnCount);
    cells.forEach((cell, c) => {
      row[c] = cellValue(cell, delimiter) ?? Number.NaN;
      decimalPlaces[c] = Math.max(decimalPlaces[c] ?? 0, decimals(cell));
    });
    rows.push(row);
  }
  const before = lines.slice(0, dataStart).map((line) => line.trim());
  const headerCells = dataStart > 0 ? (lines[dataStart - 1] ?? '').split(delimiter) : [];
  const hasHeader = headerCells.length === columnCount && columnCount > 1;
  return {
    delimiter,
    preamble: hasHeader ? before.slice(0, -1) : before,
    ...(hasHeader ? { header: headerCells.map(unquote) } : {}),
    rows,
    columnCount,
    decimalPlaces,
    ...(end < lines.length ? { droppedLastLine: (lines.at(-1) ?? '').trim() } : {}),
  };
}
