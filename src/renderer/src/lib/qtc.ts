/** Heart rate and corrected QT from caliper intervals. Pure functions; times in milliseconds. */

export const QTC_FORMULAS = ['bazett', 'fridericia', 'framingham', 'hodges'] as const;
export type QtcFormula = (typeof QTC_FORMULAS)[number];

export const QTC_FORMULA_LABELS: Record<QtcFormula, string> = {
  bazett: 'Bazett',
  fridericia: 'Fridericia',
  framingham: 'Framingham',
  hodges: 'Hodges',
};

export function heartRateBpm(rrMs: number): number {
  return 60_000 / rrMs;
}

/** QTc in ms from QT and the RR interval (both ms), by the named formula. */
export function correctedQtMs(qtMs: number, rrMs: number, formula: QtcFormula): number {
  const rrS = rrMs / 1000;
  switch (formula) {
    case 'bazett':
      return qtMs / Math.sqrt(rrS);
    case 'fridericia':
      return qtMs / Math.cbrt(rrS);
    case 'framingham':
      return qtMs + 154 * (1 - rrS);
    case 'hodges':
      return qtMs + 1.75 * (heartRateBpm(rrMs) - 60);
  }
}
