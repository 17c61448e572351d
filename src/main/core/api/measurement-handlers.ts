/**
 * The measurement calls of the API (merged into createApiHandlers' dispatch). Edits are recorded
 * under the reader name from settings, and statements are judged by the site's QTc formula.
 */
import type { z } from 'zod';
import { MEASUREMENT_API } from '../../../shared/contract/measurements.ts';
import type { MeasurementBackend } from '../measurements/measurement-backend.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

type MeasurementCall = keyof typeof MEASUREMENT_API;
type MeasurementHandlers = {
  [N in MeasurementCall]: (args: z.infer<(typeof MEASUREMENT_API)[N]['args']>) => Promise<(typeof MEASUREMENT_API)[N]['result']>;
};

/** `found` turns a missing record into the dispatcher's 'not-found' error. */
export function measurementHandlers(
  study: MeasurementBackend,
  settings: SettingsStore,
  found: <T>(value: T | undefined, what: string) => T
): MeasurementHandlers {
  const readerName = (): string => {
    const name = settings.get().readerName;
    if (!name) throw new Error('set your reader name in Settings first: every measurement edit is recorded under it');
    return name;
  };
  return {
    'record.measurements': async ({ id }) => found(await study.recordMeasurements(id, settings.get().qtcFormula), `record ${id}`),
    'measurement.editFiducial': async (edit) =>
      found(await study.editFiducial(edit, readerName(), settings.get().qtcFormula), `record ${edit.recordId}`),
    'measurement.editBeatFiducial': async (edit) =>
      found(await study.editBeatFiducial(edit, readerName(), settings.get().qtcFormula), `record ${edit.recordId}`),
    'measurement.revert': async (revert) =>
      found(await study.revertMeasurements(revert, readerName(), settings.get().qtcFormula), `record ${revert.recordId}`),
  };
}
