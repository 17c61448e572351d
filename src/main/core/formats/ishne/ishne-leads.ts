/**
 * ISHNE lead specification codes to lead names (the standard's table: 1 generic bipolar, 2–4 X/Y/Z
 * bipolar, 5–10 the limb leads, 11–16 V1–V6, 17–19 the EASI leads ES, AS, AI).
 */
const LEAD_NAMES: Readonly<Record<number, string>> = {
  2: 'X',
  3: 'Y',
  4: 'Z',
  5: 'I',
  6: 'II',
  7: 'III',
  8: 'aVR',
  9: 'aVL',
  10: 'aVF',
  11: 'V1',
  12: 'V2',
  13: 'V3',
  14: 'V4',
  15: 'V5',
  16: 'V6',
  17: 'ES',
  18: 'AS',
  19: 'AI',
};

/** Unique names for the stored leads; unknown or generic leads are called by their position. */
export function ishneLeadNames(specCodes: readonly number[]): string[] {
  const names: string[] = [];
  specCodes.forEach((code, index) => {
    const known = LEAD_NAMES[code];
    names.push(known !== undefined && !names.includes(known) ? known : `Lead ${index + 1}`);
  });
  return names;
}
