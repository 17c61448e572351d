/** The user's settings (screen calibration, worklist columns and filters, QTc formula), loaded once and saved on change. */
import type { Settings } from '../../../shared/contract/api.ts';
import { callApi } from '../api/api.ts';

/** 96 CSS px per inch: what a browser assumes before the user calibrates against a card. */
export const UNCALIBRATED_PX_PER_MM = 96 / 25.4;
export const DEFAULT_WORKLIST_COLUMNS = ['status', 'aiRisk', 'acquiredAt', 'patientName', 'patientId', 'format', 'durationS', 'statementsSummary'];

class SettingsStore {
  value = $state<Settings>({
    pxPerMm: UNCALIBRATED_PX_PER_MM,
    worklistColumns: DEFAULT_WORKLIST_COLUMNS,
    qtcFormula: 'bazett',
  });
  loaded = $state(false);

  async load(): Promise<void> {
    const stored = await callApi('settings.get', {});
    this.value = {
      ...stored,
      worklistColumns: stored.worklistColumns.length > 0 ? stored.worklistColumns : DEFAULT_WORKLIST_COLUMNS,
    };
    this.loaded = true;
  }

  async update(change: Partial<Settings>): Promise<void> {
    this.value = { ...this.value, ...change };
    this.value = await callApi('settings.set', change);
  }
}

export const settings = new SettingsStore();
