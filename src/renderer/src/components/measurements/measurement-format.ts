/** How the measurements panel words values and their provenance. Pure functions. */
import type { GlobalValueName, ProvenancedValue } from '../../../../shared/contract/measurements.ts';
import type { QtcFormula } from '../../../../shared/measurements/types.ts';
import { QTC_FORMULA_LABELS, QTC_FORMULAS } from '../../lib/qtc.ts';
import type { FocusedBeat } from './measurements-store.svelte.ts';

export interface ValueLine {
  name: GlobalValueName;
  label: string;
}

/** Heart rate, intervals, then QTc with the site's formula first, then the axes. */
export function valueLines(siteFormula: QtcFormula): ValueLine[] {
  const formulas = [siteFormula, ...QTC_FORMULAS.filter((f) => f !== siteFormula)];
  return [
    { name: 'heartRateBpm', label: 'Heart rate' },
    { name: 'prMs', label: 'PR' },
    { name: 'qrsMs', label: 'QRS' },
    { name: 'qtMs', label: 'QT' },
    ...formulas.map((f): ValueLine => ({ name: `qtcMs.${f}`, label: `QTc (${QTC_FORMULA_LABELS[f]})` })),
    { name: 'axesDeg.p', label: 'P axis' },
    { name: 'axesDeg.qrs', label: 'QRS axis' },
    { name: 'axesDeg.t', label: 'T axis' },
  ];
}

export function unitLabel(unit: string): string {
  return unit === 'deg' ? '°' : ` ${unit}`;
}

export function provenanceLabel(value: Pick<ProvenancedValue, 'provenance' | 'reader'>): string {
  return value.provenance === 'edited' ? `edited by ${value.reader ?? 'a reader'}` : value.provenance;
}

/** "Beat 5: PR 162 · QRS 96 · QT 380 · QTc 402 ms", from one beat's own intervals (QTc by the site's formula). */
export function beatIntervalsText(beat: Pick<FocusedBeat, 'beatIndex' | 'intervals'>, siteFormula: QtcFormula): string {
  const parts = (
    [
      ['PR', beat.intervals.prMs],
      ['QRS', beat.intervals.qrsMs],
      ['QT', beat.intervals.qtMs],
      ['QTc', beat.intervals[`qtcMs.${siteFormula}`]],
    ] as const
  ).flatMap(([label, ms]) => (ms === undefined ? [] : [`${label} ${ms}`]));
  return `Beat ${beat.beatIndex + 1}: ${parts.length > 0 ? `${parts.join(' · ')} ms` : 'no intervals'}`;
}

export function beatProvenanceLabel(beat: Pick<FocusedBeat, 'provenance' | 'reader'>): string {
  if (beat.provenance === 'edited') return `edited by ${beat.reader ?? 'a reader'}`;
  if (beat.provenance === 'followed') return 'follows the median-beat edit';
  return beat.provenance === 'editing' ? 'editing…' : 'computed';
}

/** The device's measurement names, in words. */
const DEVICE_LABELS: Record<string, string> = {
  heartRateBpm: 'Heart rate',
  atrialRateBpm: 'Atrial rate',
  rrMs: 'RR',
  prMs: 'PR',
  pDurationMs: 'P duration',
  qrsMs: 'QRS',
  qtMs: 'QT',
  qtcMs: 'QTc',
  pAxisDeg: 'P axis',
  qrsAxisDeg: 'QRS axis',
  tAxisDeg: 'T axis',
};

export function deviceLabel(name: string, sourceLabel: string | undefined): string {
  return DEVICE_LABELS[name] ?? sourceLabel ?? name;
}
