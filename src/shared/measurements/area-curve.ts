/**
 * Wave boundaries by the area-curve method (Zhang et al., IEEE TBME 2006): the area between the
 * signal and a horizontal line at the current sample, over a trailing window, is largest where a
 * wave's tail meets the baseline. It needs no baseline level, so ST deviation, a slanted baseline
 * and a low-amplitude tail shift it far less than a threshold or a tangent does.
 */

export interface WaveBoundary {
  /** Sample of the boundary. */
  index: number;
  /** The area there, in signal units × samples: how clear the wave is in this lead. */
  area: number;
}

export interface BoundarySearch {
  /** The wave's peak is the largest deviation from `level` in [peakFrom, peakTo]. */
  peakFrom: number;
  peakTo: number;
  /** The boundary lies after the peak, at or before this sample. */
  searchTo: number;
  /** The area is never summed before this sample (keeps a previous wave out of the window). */
  areaFrom: number;
  /** Trailing window, samples. */
  window: number;
  /** Only a wave of this sign (above or below `level`); when left out, the larger deviation decides. */
  polarity?: 1 | -1;
}

/**
 * The end of the wave peaking in [peakFrom, peakTo] of `x`: after its peak, the sample with the
 * largest area on the side of the peak's polarity (so the upstroke towards the peak never wins).
 * For an onset, pass the signal reversed in time. Undefined when no sample after the peak has area.
 */
export function waveEnd(x: ArrayLike<number>, level: number, search: BoundarySearch): WaveBoundary | undefined {
  const { peakFrom, peakTo, searchTo, areaFrom, window } = search;
  const side = search.polarity;
  const deviation = (k: number) => (side === undefined ? Math.abs(x[k] - level) : side * (x[k] - level));
  let peak = peakFrom;
  for (let k = peakFrom; k <= peakTo; k++) if (deviation(k) > deviation(peak)) peak = k;
  if (!(deviation(peak) > 0)) return undefined;
  const polarity = side ?? (x[peak] >= level ? 1 : -1);
  let sum = 0;
  for (let j = Math.max(areaFrom, peak - window + 1); j <= peak; j++) sum += x[j];
  let best = -1;
  let bestArea = 0;
  for (let k = peak + 1; k <= searchTo; k++) {
    sum += x[k];
    const drop = k - window;
    if (drop >= areaFrom) sum -= x[drop];
    const count = k - Math.max(areaFrom, drop + 1) + 1;
    const area = polarity * (sum - count * x[k]);
    if (area > bestArea) {
      bestArea = area;
      best = k;
    }
  }
  return best < 0 ? undefined : { index: best, area: bestArea };
}

/** A test for the boundaries whose area is at least `fraction` of the largest: the leads with a clear wave. */
export function clearBoundaryTest(boundaries: readonly (WaveBoundary | undefined)[], fraction: number): (b: WaveBoundary | undefined) => b is WaveBoundary {
  let largest = 0;
  for (const b of boundaries) if (b && b.area > largest) largest = b.area;
  return (b): b is WaveBoundary => b !== undefined && largest > 0 && b.area >= fraction * largest;
}

/** The median of the clear boundaries (clearBoundaryTest). */
export function medianClearBoundary(boundaries: readonly (WaveBoundary | undefined)[], fraction: number): number | undefined {
  const indices = boundaries.filter(clearBoundaryTest(boundaries, fraction)).map((b) => b.index);
  if (indices.length === 0) return undefined;
  indices.sort((a, b) => a - b);
  const mid = indices.length >> 1;
  return indices.length % 2 ? indices[mid] : Math.round((indices[mid - 1] + indices[mid]) / 2);
}
