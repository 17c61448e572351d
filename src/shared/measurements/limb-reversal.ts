/**
 * Suspected left/right arm electrode reversal: P, QRS and T all inverted in lead I (a global
 * inversion of lead I that true dextrocardia also shows, hence "suspected").
 */
import type { LeadMeasurements, QualityFinding } from './types.ts';

export function suspectedArmReversal(leadI: LeadMeasurements | undefined): QualityFinding | undefined {
  if (!leadI || leadI.quality !== 'good') return undefined;
  const { pAmplitudeUv: p, tAmplitudeUv: t } = leadI;
  const qrsNetUv = (leadI.rAmplitudeUv ?? 0) + (leadI.qAmplitudeUv ?? 0) + (leadI.sAmplitudeUv ?? 0);
  if (p === undefined || t === undefined || !(p < 0 && qrsNetUv < 0 && t < 0)) return undefined;
  return {
    lead: 'I',
    problem: 'suspected limb-lead reversal',
    detail: `P (${p} µV), QRS (net ${qrsNetUv} µV) and T (${t} µV) all negative in lead I: check the arm electrodes (or dextrocardia)`,
  };
}
