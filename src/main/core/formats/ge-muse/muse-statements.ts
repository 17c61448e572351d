/**
 * MUSE diagnosis blocks to statements. A statement line is built from consecutive DiagnosisStatement
 * items until one carries the ENDSLINE flag; unresolved "Statement Text(N)" placeholders are dropped.
 */
import type { SourceStatement, StatementSource } from '../../../../shared/ecg/record.ts';
import { children, textAt, type XmlElement } from './xml-tree.ts';

const PLACEHOLDER = /^Statement Text\(\d+\)$/i;

export interface MuseStatementLines {
  lines: string[];
  droppedPlaceholders: number;
}

function joinFragments(fragments: readonly string[]): string {
  return fragments.reduce((line, fragment) => {
    if (line === '') return fragment;
    // A fragment that starts with punctuation continues the previous word (", age undetermined").
    return /^[,.;:)]/.test(fragment) ? line + fragment : `${line} ${fragment}`;
  }, '');
}

/** The statement lines of one Diagnosis or OriginalDiagnosis block. */
export function museStatementLines(diagnosis: XmlElement | undefined): MuseStatementLines {
  const lines: string[] = [];
  let fragments: string[] = [];
  let droppedPlaceholders = 0;
  const flush = (): void => {
    const line = joinFragments(fragments).trim();
    if (line !== '') lines.push(line);
    fragments = [];
  };
  for (const item of children(diagnosis, 'DiagnosisStatement')) {
    const text = textAt(item, 'StmtText');
    if (text !== undefined) {
      if (PLACEHOLDER.test(text)) droppedPlaceholders++;
      else fragments.push(text);
    }
    const flags = children(item, 'StmtFlag').map((flag) => flag.text.toUpperCase());
    if (flags.includes('ENDSLINE')) flush();
  }
  flush();
  return { lines, droppedPlaceholders };
}

export function toStatements(lines: readonly string[], source: StatementSource): SourceStatement[] {
  return lines.map((text) => ({ text, source }));
}
