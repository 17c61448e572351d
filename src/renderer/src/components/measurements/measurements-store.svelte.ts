/**
 * The open record's measurements: ours with provenance, the device's, the edit history; and the
 * fiducial being dragged, whose intervals the panel previews before the edit is saved.
 */
import {
  FIDUCIAL_LABELS,
  FIDUCIAL_NAMES,
  INTERVAL_FIDUCIALS,
  intervalsFromFiducials,
  type FiducialName,
  type FiducialTimesS,
  type IntervalValues,
  type RecordMeasurements,
} from '../../../../shared/contract/measurements.ts';
import { callApi } from '../../api/api.ts';

export interface FiducialDrag {
  fiducial: FiducialName;
  timeS: number;
}

export interface RhythmMark {
  timeS: number;
  label: string;
}

class MeasurementsStore {
  data = $state.raw<RecordMeasurements | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  saving = $state(false);
  drag = $state<FiducialDrag | null>(null);
  private loadGeneration = 0;

  /** The median beat's fiducials as they stand, with the dragged one where the pointer is. */
  get fiducialTimesS(): FiducialTimesS {
    const times: FiducialTimesS = {};
    for (const name of FIDUCIAL_NAMES) {
      const timeS = this.data?.fiducials[name]?.timeS;
      if (timeS !== undefined) times[name] = timeS;
    }
    if (this.drag) times[this.drag.fiducial] = this.drag.timeS;
    return times;
  }

  /** The intervals the drag moves, as it would leave them; null when nothing is being dragged. */
  get preview(): IntervalValues | null {
    const drag = this.drag;
    if (!drag) return null;
    const all = intervalsFromFiducials(this.fiducialTimesS, this.data?.rrMeanMs);
    const moved: IntervalValues = {};
    for (const [name, fiducials] of Object.entries(INTERVAL_FIDUCIALS) as [keyof IntervalValues, readonly FiducialName[]][]) {
      if (fiducials.includes(drag.fiducial) && all[name] !== undefined) moved[name] = all[name];
    }
    return moved;
  }

  /** Per-beat fiducials for the rhythm strip (a dragged one follows live at every beat). */
  get rhythmMarks(): RhythmMark[] {
    const data = this.data;
    if (!data) return [];
    const shiftS = this.drag ? this.drag.timeS - (data.fiducials[this.drag.fiducial]?.timeS ?? this.drag.timeS) : 0;
    return data.beats.flatMap((beat) =>
      FIDUCIAL_NAMES.filter((name) => name !== 'tPeak').flatMap((name) => {
        const timeS = beat.fiducials[name];
        if (timeS === undefined) return [];
        return [{ timeS: name === this.drag?.fiducial ? timeS + shiftS : timeS, label: FIDUCIAL_LABELS[name] }];
      })
    );
  }

  async load(recordId: number): Promise<void> {
    const generation = ++this.loadGeneration;
    this.loading = true;
    this.error = null;
    this.drag = null;
    if (this.data?.recordId !== recordId) this.data = null;
    try {
      const data = await callApi('record.measurements', { id: recordId });
      if (generation === this.loadGeneration) this.data = data;
    } catch (error) {
      if (generation === this.loadGeneration) this.error = (error as Error).message;
    } finally {
      if (generation === this.loadGeneration) this.loading = false;
    }
  }

  /** Saves the dragged fiducial (on pointer release). */
  async saveDrag(): Promise<void> {
    const drag = this.drag;
    const data = this.data;
    if (!drag || !data) return;
    await this.apply(() => callApi('measurement.editFiducial', { recordId: data.recordId, fiducial: drag.fiducial, timeS: drag.timeS }));
  }

  async revert(fiducial?: FiducialName): Promise<void> {
    const data = this.data;
    if (!data) return;
    await this.apply(() => callApi('measurement.revert', { recordId: data.recordId, ...(fiducial ? { fiducial } : {}) }));
  }

  private async apply(change: () => Promise<RecordMeasurements>): Promise<void> {
    const generation = this.loadGeneration;
    this.saving = true;
    this.error = null;
    try {
      const data = await change();
      if (generation === this.loadGeneration) this.data = data;
    } catch (error) {
      if (generation === this.loadGeneration) this.error = (error as Error).message;
    } finally {
      if (generation === this.loadGeneration) {
        this.saving = false;
        this.drag = null;
      }
    }
  }
}

export const measurements = new MeasurementsStore();
