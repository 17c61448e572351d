/**
 * Frontal-plane axes from the median beat: the direction of the net area of a wave in lead I
 * (0°) and aVF (+90°); aVF comes from II − I/2 when only I and II are usable.
 */

export interface FrontalLeads {
  leadI?: Float32Array;
  leadII?: Float32Array;
  leadAvf?: Float32Array;
}

function netArea(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let k = Math.max(0, from); k <= Math.min(x.length - 1, to); k++) sum += x[k];
  return sum;
}

/** Axis in degrees (−180, 180] of the wave between `from` and `to`, or undefined when I or aVF cannot be had or the wave has no net area. */
export function frontalAxisDeg(leads: FrontalLeads, from: number, to: number): number | undefined {
  const { leadI, leadII, leadAvf } = leads;
  if (!leadI) return undefined;
  const areaI = netArea(leadI, from, to);
  let areaAvf: number;
  if (leadAvf) areaAvf = netArea(leadAvf, from, to);
  else if (leadII) areaAvf = netArea(leadII, from, to) - areaI / 2;
  else return undefined;
  if (areaI === 0 && areaAvf === 0) return undefined;
  return Math.round((Math.atan2(areaAvf, areaI) * 180) / Math.PI);
}
