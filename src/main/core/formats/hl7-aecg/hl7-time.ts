/**
 * HL7 v3 time stamps (TS: YYYYMMDDHHMMSS.UUUU[+|-ZZzz], truncated at any precision) and physical
 * time quantities (PQ with unit s or ms).
 */

interface ParsedTs {
  /** Local ISO 8601 form at the stated precision; the offset is not applied. */
  iso: string;
  /** Seconds since 1970 treating the local time as UTC, minus the offset when one is stated. */
  epochS: number;
}

export function parseTs(value: string | undefined): ParsedTs | undefined {
  const match = value
    ? /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d+)?([+-]\d{4})?$/.exec(value.trim())
    : null;
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const parts = [Number(year), Number(month ?? 1) - 1, Number(day ?? 1), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0)];
  const localS = Date.UTC(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]) / 1000 + Number(fraction ?? 0);
  const offsetS = offset ? Math.sign(Number(offset)) * (Number(offset.slice(1, 3)) * 3600 + Number(offset.slice(3)) * 60) : 0;
  let iso = year;
  if (month) iso += `-${month}`;
  if (day) iso += `-${day}`;
  if (hour) iso += `T${hour}:${minute ?? '00'}:${second ?? '00'}${fraction ?? ''}`;
  return { iso, epochS: localS - offsetS };
}

/** Seconds in one unit of a time PQ; undefined for a unit that is not time. */
export function secondsPerTimeUnit(unit: string | undefined): number | undefined {
  switch (unit) {
    case 's':
      return 1;
    case 'ms':
      return 1e-3;
    case 'us':
      return 1e-6;
    case 'min':
      return 60;
    default:
      return undefined;
  }
}

/** Rounds away binary noise from decimal arithmetic on times (1 µs grid). */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
