/** The QTc formulas a site can choose, in menu order, with their names; the maths is src/shared/measurements/qtc.ts. */
import type { QtcFormula } from '../../../shared/measurements/types.ts';

export type { QtcFormula };

export const QTC_FORMULAS: readonly QtcFormula[] = ['bazett', 'fridericia', 'framingham', 'hodges'];

export const QTC_FORMULA_LABELS: Record<QtcFormula, string> = {
  bazett: 'Bazett',
  fridericia: 'Fridericia',
  framingham: 'Framingham',
  hodges: 'Hodges',
};
