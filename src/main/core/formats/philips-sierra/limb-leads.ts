/**
 * XLI stores III, aVR, aVL and aVF as residuals against what I and II predict (sierra-ecg-tools'
 * finding); adding the prediction back gives the recorded leads, on the same integer grid.
 */

export interface StoredLimbLeads {
  I: Int16Array;
  II: Int16Array;
  III: Int16Array;
  aVR: Int16Array;
  aVL: Int16Array;
  aVF: Int16Array;
}

/** Rebuilds III, aVR, aVL and aVF in place (III first: aVL and aVF use the rebuilt III). */
export function reconstructLimbLeads(leads: StoredLimbLeads): void {
  const { I, II, III, aVR, aVL, aVF } = leads;
  const n = Math.min(I.length, II.length, III.length, aVR.length, aVL.length, aVF.length);
  for (let i = 0; i < n; i++) {
    III[i] = II[i] - I[i] - III[i];
    // Floor halves, as the reference decoder does, so values match it count for count.
    aVR[i] = -aVR[i] - Math.floor((I[i] + II[i]) / 2);
    aVL[i] = Math.floor((I[i] - III[i]) / 2) - aVL[i];
    aVF[i] = Math.floor((II[i] + III[i]) / 2) - aVF[i];
  }
}
