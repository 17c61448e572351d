/**
 * The anti-alias filter of scipy.signal.decimate(x, 5): cheby1(8, 0.05 dB, 0.8/5, output='sos').
 * HuBERT-ECG always decimates 500 Hz by 5, so the design is fixed; these are scipy 1.17's sections
 * (the same as pinned in ../shared/hubert-ecg/preprocessing-golden.json).
 */
import type { SecondOrderSections } from '../../dsp/zero-phase-filter.ts';

export const DECIMATION_FACTOR = 5;

export const DECIMATION_SOS: SecondOrderSections = [
  [7.452795136808645e-7, 1.490559027361729e-6, 7.452795136808645e-7, 1.0, -1.6471014277423515, 0.6861793667213388],
  [1.0, 2.0, 1.0, 1.0, -1.6320963657472007, 0.731533422265726],
  [1.0, 2.0, 1.0, 1.0, -1.6276356241089196, 0.816331924974681],
  [1.0, 2.0, 1.0, 1.0, -1.6708125908956197, 0.9325198998692079],
];
