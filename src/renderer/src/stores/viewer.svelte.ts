/**
 * The open record and how it is shown: layout, speed, gain, display filter, enlarged lead, calipers,
 * and the prior ECG it is compared with.
 */
import type { RecordView } from '../../../shared/contract/record-view.ts';
import type { WorklistRow } from '../../../shared/contract/worklist.ts';
import { callApi } from '../api/api.ts';
import type { Caliper, CaliperKind } from '../lib/calipers.ts';
import { clampWindowStartS, STANDARD_WINDOW_S, type PaperLayout } from '../lib/paper-layout.ts';
import { recordDurationS } from '../../../shared/ecg/record.ts';
import { worklist } from './worklist.svelte.ts';

class ViewerStore {
  view = $state.raw<RecordView | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  layout = $state<PaperLayout>('3x4');
  speedMmPerS = $state(25);
  gainMmPerMv = $state(10);
  rhythmLead = $state('II');
  enlargedLead = $state<string | null>(null);
  filterOn = $state(false);
  showMedians = $state(false);
  windowStartS = $state(0);
  caliperTool = $state<CaliperKind | null>(null);
  calipers = $state<Caliper[]>([]);
  cursorTimeS = $state<number | null>(null);
  priors = $state<WorklistRow[]>([]);
  prior = $state.raw<RecordView | null>(null);
  /** performance.now() when the open was asked for, to time Enter → drawn. */
  openRequestedAtMs = $state(0);
  private nextCaliperId = 1;
  private openGeneration = 0;

  get durationS(): number {
    return this.view ? recordDurationS(this.view.record.rhythm) : 0;
  }

  async open(id: number): Promise<void> {
    const generation = ++this.openGeneration;
    this.openRequestedAtMs = performance.now();
    this.loading = true;
    this.error = null;
    try {
      const view = await callApi('record.get', { id });
      if (generation !== this.openGeneration) return;
      this.view = view;
      this.windowStartS = 0;
      this.enlargedLead = null;
      this.calipers = [];
      this.prior = null;
      this.showMedians = false;
      const leadNames = view.record.rhythm.leads.map((lead) => lead.name);
      if (!leadNames.includes(this.rhythmLead)) this.rhythmLead = leadNames.includes('II') ? 'II' : (leadNames[0] ?? 'II');
      this.priors = [];
      void callApi('record.priors', { id }).then((priors) => {
        if (generation === this.openGeneration) this.priors = priors;
      });
      if (view.status === 'unread') await this.setStatus('in-review');
    } catch (error) {
      if (generation === this.openGeneration) this.error = (error as Error).message;
    } finally {
      if (generation === this.openGeneration) this.loading = false;
    }
  }

  close(): void {
    // An open still in flight (e.g. marking the record read) must not leave the app showing "Opening…".
    this.openGeneration++;
    this.loading = false;
    this.view = null;
    this.prior = null;
    this.error = null;
  }

  async setStatus(status: RecordView['status']): Promise<void> {
    const view = this.view;
    if (!view) return;
    const previous = view.status;
    const result = await callApi('record.setStatus', { id: view.id, status });
    if (this.view?.id === view.id) this.view = { ...this.view, status: result.status };
    worklist.patchRow(view.id, { status: result.status });
    if (previous === 'unread' && result.status !== 'unread') worklist.unread = Math.max(0, worklist.unread - 1);
    if (previous !== 'unread' && result.status === 'unread') worklist.unread++;
  }

  async comparePrior(id: number): Promise<void> {
    try {
      this.prior = await callApi('record.get', { id });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  shiftWindow(direction: -1 | 1): void {
    this.windowStartS = clampWindowStartS(this.windowStartS + direction * STANDARD_WINDOW_S, this.durationS);
  }

  addCaliper(caliper: Omit<Caliper, 'id'>): void {
    this.calipers = [...this.calipers, { ...caliper, id: this.nextCaliperId++ }];
  }

  removeCaliper(id: number): void {
    this.calipers = this.calipers.filter((c) => c.id !== id);
  }
}

export const viewer = new ViewerStore();
