/**
 * Microvolts per unit of an amplitude unit as files write it: "mV", "mv", "uV", "µV", "millivolt", …
 */
const UV_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['v', 1e6],
  ['volt', 1e6],
  ['volts', 1e6],
  ['mv', 1000],
  ['millivolt', 1000],
  ['millivolts', 1000],
  ['uv', 1],
  ['µv', 1],
  ['μv', 1],
  ['microvolt', 1],
  ['microvolts', 1],
  ['nv', 0.001],
]);

/** µV per unit, or undefined when the text is not a voltage unit. */
export function uvPerUnitOf(unit: string): number | undefined {
  return UV_PER_UNIT.get(unit.trim().toLowerCase());
}
