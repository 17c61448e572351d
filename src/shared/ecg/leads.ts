/**
 * Lead naming, canonical order and the derived limb leads. Pure functions on typed arrays.
 */
import type { EcgLead } from './record.ts';

export const STANDARD_12_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export type StandardLeadName = (typeof STANDARD_12_LEADS)[number];

/** Extra leads recognised by name, in the order they follow the standard twelve. */
const EXTRA_LEADS = ['V3R', 'V4R', 'V5R', 'V6R', 'V7R', 'V7', 'V8', 'V9', 'X', 'Y', 'Z'] as const;

const CANONICAL_BY_KEY = new Map<string, string>(
  [...STANDARD_12_LEADS, ...EXTRA_LEADS].map((name) => [name.toUpperCase(), name])
);
CANONICAL_BY_KEY.set('VX', 'X');
CANONICAL_BY_KEY.set('VY', 'Y');
CANONICAL_BY_KEY.set('VZ', 'Z');
CANONICAL_BY_KEY.set('-AVR', '-aVR');

/**
 * Maps a source's lead label to its canonical name ("avr", "AVR", "Lead aVR", "MDC_ECG_LEAD_AVR" → "aVR"),
 * or returns the trimmed label when it is not a known lead.
 */
export function canonicalLeadName(label: string): string {
  const trimmed = label.trim();
  const key = trimmed
    .toUpperCase()
    .replace(/^MDC_ECG_LEAD_/, '')
    .replace(/^LEAD[\s_-]*/, '')
    .replace(/\s+/g, '');
  return CANONICAL_BY_KEY.get(key) ?? trimmed;
}

const ORDER: ReadonlyMap<string, number> = new Map(
  [...STANDARD_12_LEADS, ...EXTRA_LEADS].map((name, index) => [name, index])
);

/** Sorts leads into canonical order; unknown leads keep their source order after the known ones. */
export function orderLeads(leads: readonly EcgLead[]): EcgLead[] {
  return leads
    .map((lead, sourceIndex) => ({ lead, sourceIndex }))
    .sort((a, b) => {
      const ra = ORDER.get(a.lead.name) ?? ORDER.size + a.sourceIndex;
      const rb = ORDER.get(b.lead.name) ?? ORDER.size + b.sourceIndex;
      return ra - rb;
    })
    .map(({ lead }) => lead);
}

function combine(a: Float32Array, b: Float32Array, wa: number, wb: number): Float32Array {
  const n = Math.min(a.length, b.length);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}

/**
 * Adds III, aVR, aVL and aVF computed from I and II (Einthoven and Goldberger) where the source
 * did not record them, marked derived. Leads already present are kept as recorded.
 */
export function withDerivedLimbLeads(leads: readonly EcgLead[]): EcgLead[] {
  const byName = new Map(leads.map((lead) => [lead.name, lead]));
  const leadI = byName.get('I');
  const leadII = byName.get('II');
  if (!leadI || !leadII) return orderLeads(leads);
  const resolutionUv =
    leadI.resolutionUv !== undefined && leadI.resolutionUv === leadII.resolutionUv ? leadI.resolutionUv : undefined;
  const formulas: Record<string, [number, number]> = {
    III: [-1, 1],
    aVR: [-0.5, -0.5],
    aVL: [1, -0.5],
    aVF: [-0.5, 1],
  };
  const added: EcgLead[] = [];
  for (const [name, [wI, wII]] of Object.entries(formulas)) {
    if (byName.has(name)) continue;
    added.push({
      name,
      derived: true,
      samplesUv: combine(leadI.samplesUv, leadII.samplesUv, wI, wII),
      // aVR/aVL/aVF are half-counts of the source: only III stays on the source's integer grid.
      ...(name === 'III' && resolutionUv !== undefined ? { resolutionUv } : {}),
    });
  }
  return orderLeads([...leads, ...added]);
}
