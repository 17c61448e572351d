/**
 * What a stored record gives the model: its HuBERT-ECG windows, or why it cannot be analysed. Records
 * shorter than one window, or missing any of the 12 standard leads (limb leads may be derived from I
 * and II), are not analysed: the model was trained on complete 12-lead ECGs, and the upstream rule of
 * feeding a missing lead as a constant would score a 2-lead Holter strip as if it were a 12-lead ECG.
 */
import type { EcgWaveformSet } from '../../../shared/ecg/record.ts';
import { PreprocessingError, preprocessForHubert, type HubertWindow } from '../../../shared/preprocessing/hubert-ecg/preprocess.ts';

export type RecordInput = { analysable: true; windows: HubertWindow[] } | { analysable: false; reason: string };

export function modelInputFor(rhythm: EcgWaveformSet): RecordInput {
  let preprocessed;
  try {
    preprocessed = preprocessForHubert(rhythm);
  } catch (error) {
    if (error instanceof PreprocessingError) return { analysable: false, reason: error.message };
    throw error;
  }
  if (preprocessed.missingLeads.length > 0) {
    return {
      analysable: false,
      reason: `lacks lead${preprocessed.missingLeads.length > 1 ? 's' : ''} ${preprocessed.missingLeads.join(', ')}; HuBERT-ECG reads all 12 standard leads`,
    };
  }
  if (preprocessed.windows.length === 0) return { analysable: false, reason: 'no complete 5-s window' };
  return { analysable: true, windows: preprocessed.windows };
}
