/** Heart-rate correction of QT by the four usual formulas; QT in ms, RR in ms. */
import type { QtcFormula } from './types.ts';

export function correctQt(qtMs: number, rrMs: number): Record<QtcFormula, number> {
  const rrS = rrMs / 1000;
  const heartRateBpm = 60000 / rrMs;
  return {
    bazett: qtMs / Math.sqrt(rrS),
    fridericia: qtMs / Math.cbrt(rrS),
    framingham: qtMs + 154 * (1 - rrS),
    hodges: qtMs + 1.75 * (heartRateBpm - 60),
  };
}
