/**
 * Philips `<interpretations>`: the analysis program's statements with the overall severity, and
 * the global measurements the interpretation used (1.04+ `globalmeasurements`, 1.03
 * `interpretationmeasurements`, else the measurement block's global values).
 */
import type { SourceMeasurement, SourceStatement } from '../../../../shared/ecg/record.ts';
import { child, children, descend, numberAt, textAt, type XmlElement } from '../ge-muse/xml-tree.ts';

/** "- ABNORMAL ECG -" → "ABNORMAL ECG". */
function severityText(text: string | undefined): string | undefined {
  const trimmed = text?.replace(/^[\s-]+|[\s-]+$/g, '');
  return trimmed ? trimmed : undefined;
}

export function sierraStatements(root: XmlElement): SourceStatement[] {
  const statements: SourceStatement[] = [];
  for (const interpretation of children(child(root, 'interpretations'), 'interpretation')) {
    const severityElement = child(interpretation, 'severity');
    const severity = severityText(severityElement?.text);
    for (const statement of children(interpretation, 'statement')) {
      const left = textAt(statement, 'leftstatement');
      if (left === undefined) continue;
      const reason = textAt(statement, 'rightstatement');
      const code = textAt(statement, 'statementcode');
      statements.push({
        text: reason ? `${left} (${reason})` : left,
        source: (statement.attributes.editedflag ?? '').toLowerCase() === 'true' ? 'physician' : 'device',
        ...(code ? { code, codeSystem: 'Philips statement code' } : {}),
        ...(severity ? { severity } : {}),
      });
    }
    if (severity) {
      const code = severityElement?.attributes.code;
      statements.push({ text: severity, source: 'device', severity, ...(code ? { code, codeSystem: 'Philips severity code' } : {}) });
    }
  }
  return statements;
}

const MEASUREMENT_TAGS: ReadonlyArray<[tag: string, name: string, unit: string]> = [
  ['heartrate', 'heartRateBpm', 'bpm'],
  ['meanventrate', 'heartRateBpm', 'bpm'],
  ['rrint', 'rrMs', 'ms'],
  ['atrialrate', 'atrialRateBpm', 'bpm'],
  ['pdur', 'pDurationMs', 'ms'],
  ['print', 'prMs', 'ms'],
  ['meanprint', 'prMs', 'ms'],
  ['qrsdur', 'qrsMs', 'ms'],
  ['meanqrsdur', 'qrsMs', 'ms'],
  ['qtint', 'qtMs', 'ms'],
  ['meanqtint', 'qtMs', 'ms'],
  ['qtcb', 'qtcMs', 'ms'],
  ['meanqtc', 'qtcMs', 'ms'],
  ['qtcf', 'qtcFridericiaMs', 'ms'],
  ['pfrontaxis', 'pAxisDeg', 'deg'],
  ['qrsfrontaxis', 'qrsAxisDeg', 'deg'],
  ['tfrontaxis', 'tAxisDeg', 'deg'],
];

export function sierraMeasurements(root: XmlElement): SourceMeasurement[] {
  const interpretation = descend(root, 'interpretations', 'interpretation');
  const blocks = [
    child(interpretation, 'globalmeasurements'),
    child(interpretation, 'interpretationmeasurements'),
    descend(root, 'measurements', 'globalmeasurements'),
    descend(root, 'internalmeasurements', 'crossleadmeasurements'),
  ];
  const byName = new Map<string, SourceMeasurement>();
  for (const block of blocks) {
    if (!block) continue;
    for (const [tag, name, unit] of MEASUREMENT_TAGS) {
      if (byName.has(name)) continue;
      const value = numberAt(block, tag);
      if (value !== undefined) byName.set(name, { name, value, unit, sourceLabel: tag });
    }
  }
  return [...byName.values()];
}
