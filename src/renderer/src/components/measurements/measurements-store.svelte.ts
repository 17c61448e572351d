/**
 * The open record's measurements: ours with provenance, the device's, the edit history; the fiducial
 * being dragged (on the median beat, or one beat's on the rhythm strip), whose intervals the panel
 * previews before the edit is saved; and the beat the reader last touched, whose own intervals it shows.
 */
import {
  beatIntervals,
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

export interface BeatFiducialDrag extends FiducialDrag {
  beatIndex: number;
}

/** One beat's fiducial on the rhythm strip; 'hand' when a reader placed it on this beat, 'followed' when it moved with the median beat. */
export interface RhythmMark {
  timeS: number;
  label: string;
  beatIndex: number;
  fiducial: FiducialName;
  edited: 'hand' | 'followed' | null;
}

/** The beat the reader last touched, with its own intervals as they stand (or as the drag leaves them). */
export interface FocusedBeat {
  beatIndex: number;
  intervals: IntervalValues;
  provenance: 'editing' | 'edited' | 'followed' | 'computed';
  /** Who placed its fiducials by hand (the latest), when any were. */
  reader?: string;
}

class MeasurementsStore {
  data = $state.raw<RecordMeasurements | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  saving = $state(false);
  drag = $state<FiducialDrag | null>(null);
  beatDrag = $state<BeatFiducialDrag | null>(null);
  focusBeatIndex = $state<number | null>(null);
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

  /**
   * Per-beat fiducials for the rhythm strip: a median-beat drag moves its fiducial live at every beat
   * but those placed by hand (as saving will), a beat's own drag moves that beat's mark only.
   */
  get rhythmMarks(): RhythmMark[] {
    const data = this.data;
    if (!data) return [];
    const shiftS = this.drag ? this.drag.timeS - (data.fiducials[this.drag.fiducial]?.timeS ?? this.drag.timeS) : 0;
    return data.beats.flatMap((beat, beatIndex) =>
      FIDUCIAL_NAMES.flatMap((fiducial): RhythmMark[] => {
        const timeS = this.beatFiducialsAt(beatIndex)[fiducial];
        if (timeS === undefined) return [];
        const edit = beat.edits[fiducial];
        const followsDrag = fiducial === this.drag?.fiducial && !edit?.byHand;
        const edited = edit ? (edit.byHand ? 'hand' : 'followed') : null;
        return [{ timeS: followsDrag ? timeS + shiftS : timeS, label: FIDUCIAL_LABELS[fiducial], beatIndex, fiducial, edited }];
      })
    );
  }

  /** One beat's fiducials as they stand, with its dragged one where the pointer is. */
  private beatFiducialsAt(beatIndex: number): FiducialTimesS {
    const fiducials = this.data?.beats[beatIndex]?.fiducials ?? {};
    const drag = this.beatDrag;
    return drag?.beatIndex === beatIndex ? { ...fiducials, [drag.fiducial]: drag.timeS } : fiducials;
  }

  get focusedBeat(): FocusedBeat | null {
    const data = this.data;
    const beatIndex = this.beatDrag?.beatIndex ?? this.focusBeatIndex;
    const beat = beatIndex === null ? undefined : data?.beats[beatIndex];
    if (!data || beatIndex === null || !beat) return null;
    const beats = data.beats.map((b, i) => (i === beatIndex ? { ...b, fiducials: this.beatFiducialsAt(i) } : b));
    const edits = Object.values(beat.edits);
    const byHand = edits.filter((e) => e.byHand).sort((a, b) => a.editedAt.localeCompare(b.editedAt));
    const provenance = this.beatDrag ? 'editing' : byHand.length > 0 ? 'edited' : edits.length > 0 ? 'followed' : 'computed';
    return { beatIndex, intervals: beatIntervals(beats, beatIndex), provenance, ...(byHand.length > 0 ? { reader: byHand[byHand.length - 1].reader } : {}) };
  }

  /** Moves one beat's mark while the reader drags it on the rhythm strip. */
  dragBeatMark(mark: Pick<RhythmMark, 'beatIndex' | 'fiducial'>, timeS: number): void {
    this.focusBeatIndex = mark.beatIndex;
    this.beatDrag = { beatIndex: mark.beatIndex, fiducial: mark.fiducial, timeS };
  }

  /** Saves the dragged beat's mark (on pointer release); a mark put back where it was saves nothing. */
  async saveBeatDrag(): Promise<void> {
    const drag = this.beatDrag;
    const data = this.data;
    if (!drag || !data) return;
    if (data.beats[drag.beatIndex]?.fiducials[drag.fiducial] === drag.timeS) {
      this.beatDrag = null;
      return;
    }
    await this.apply(() => callApi('measurement.editBeatFiducial', { recordId: data.recordId, ...drag }));
  }

  async load(recordId: number): Promise<void> {
    const generation = ++this.loadGeneration;
    this.loading = true;
    this.error = null;
    this.drag = null;
    this.beatDrag = null;
    if (this.data?.recordId !== recordId) {
      this.data = null;
      this.focusBeatIndex = null;
    }
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

  /** Every edit of the record, or the median beat's one fiducial, or one beat's hand-placed fiducials. */
  async revert(target: { fiducial?: FiducialName; beatIndex?: number } = {}): Promise<void> {
    const data = this.data;
    if (!data) return;
    await this.apply(() => callApi('measurement.revert', { recordId: data.recordId, ...target }));
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
        this.beatDrag = null;
      }
    }
  }
}

export const measurements = new MeasurementsStore();
