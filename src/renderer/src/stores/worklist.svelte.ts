/**
 * The worklist: query (sort and filters), the total and unread counts, and rows fetched page by page
 * as the virtualised list scrolls, so 100,000 records cost only the pages on screen. Rows keep their
 * places until the list is re-queried: AI results update the risk of loaded rows by record id, and
 * under a risk sort the list says its order is out of date instead of moving rows under the reader.
 */
import type { RecordAiRisk, WorklistQuery, WorklistRow } from '../../../shared/contract/worklist.ts';
import { SvelteMap } from 'svelte/reactivity';
import { callApi } from '../api/api.ts';

export const WORKLIST_PAGE_SIZE = 100;

export type WorklistSort = WorklistQuery['sort'];
export type WorklistFilter = WorklistQuery['filter'];

class WorklistStore {
  sort = $state<WorklistSort>({ column: 'acquiredAt', direction: 'desc' });
  filter = $state<WorklistFilter>({});
  total = $state(0);
  unread = $state(0);
  selectedIndex = $state(0);
  /** Rows by page index; a page missing from the map is not loaded yet. */
  readonly pages = new SvelteMap<number, WorklistRow[]>();
  error = $state<string | null>(null);
  /** Sorted by AI risk, and a risk shown changed since the list was queried: its order may be out of date. */
  riskOrderOutdated = $state(false);
  /** Bumped on each new query so answers to an older query are dropped. */
  private generation = 0;
  private inFlight = new Map<number, Promise<WorklistRow[]>>();
  /** Loaded pages off screen when AI results arrived: shown as they are, their risks re-read when next asked for. */
  private riskStalePages = new Set<number>();

  rowAt(index: number): WorklistRow | undefined {
    return this.pages.get(Math.floor(index / WORKLIST_PAGE_SIZE))?.[index % WORKLIST_PAGE_SIZE];
  }

  /** Clears the cache and loads the first page for the current query. */
  async reload(): Promise<void> {
    this.generation++;
    this.inFlight.clear();
    this.pages.clear();
    this.riskStalePages.clear();
    this.riskOrderOutdated = false;
    await this.ensurePage(0);
    this.selectedIndex = Math.min(this.selectedIndex, Math.max(0, this.total - 1));
  }

  async ensurePage(pageIndex: number): Promise<WorklistRow[]> {
    const cached = this.pages.get(pageIndex);
    if (cached) {
      if (this.riskStalePages.has(pageIndex)) void this.refreshPageRisks(pageIndex);
      return cached;
    }
    const pending = this.inFlight.get(pageIndex);
    if (pending) return pending;
    const generation = this.generation;
    const request = callApi('worklist.page', this.pageQuery(pageIndex))
      .then((page) => {
        if (generation !== this.generation) return page.rows;
        this.total = page.total;
        this.unread = page.unread;
        this.error = null;
        this.pages.set(pageIndex, page.rows);
        return page.rows;
      })
      .catch((error: Error) => {
        this.error = error.message;
        return [] as WorklistRow[];
      })
      .finally(() => {
        if (generation === this.generation) this.inFlight.delete(pageIndex);
      });
    this.inFlight.set(pageIndex, request);
    return request;
  }

  private pageQuery(pageIndex: number): WorklistQuery {
    return { offset: pageIndex * WORKLIST_PAGE_SIZE, limit: WORKLIST_PAGE_SIZE, sort: this.sort, filter: this.filter };
  }

  /**
   * Re-reads by record id the AI risk of the rows on the loaded pages firstPage..lastPage (those on
   * screen) after the AI queue stored results; other loaded pages are re-read when next asked for.
   */
  async refreshAiRisk(firstPage: number, lastPage: number): Promise<void> {
    const onScreen: number[] = [];
    for (const pageIndex of this.pages.keys()) {
      if (pageIndex >= firstPage && pageIndex <= lastPage) onScreen.push(pageIndex);
      else this.riskStalePages.add(pageIndex);
    }
    await Promise.all(onScreen.map((pageIndex) => this.refreshPageRisks(pageIndex)));
  }

  /** Patches the rows of one loaded page whose AI risk changed, in place. */
  private async refreshPageRisks(pageIndex: number): Promise<void> {
    const ids = this.pages.get(pageIndex)?.map((row) => row.id) ?? [];
    this.riskStalePages.delete(pageIndex);
    if (ids.length === 0) return;
    const generation = this.generation;
    let risks: RecordAiRisk[];
    try {
      risks = await callApi('worklist.aiRisks', { ids });
    } catch (error) {
      if (generation !== this.generation) return;
      this.riskStalePages.add(pageIndex);
      this.error = (error as Error).message;
      return;
    }
    const rows = this.pages.get(pageIndex);
    if (generation !== this.generation || !rows) return;
    const riskById = new Map(risks.map((risk) => [risk.id, risk.aiRisk]));
    const changed = (row: WorklistRow): boolean => riskById.has(row.id) && riskById.get(row.id) !== row.aiRisk;
    if (!rows.some(changed)) return;
    this.pages.set(
      pageIndex,
      rows.map((row) => (changed(row) ? { ...row, aiRisk: riskById.get(row.id) ?? null } : row))
    );
    if (this.sort.column === 'aiRisk') this.riskOrderOutdated = true;
  }

  /** Re-queries the list, keeping the selected record selected when it is still in it (else the first row). */
  async resort(): Promise<void> {
    const selectedId = this.rowAt(this.selectedIndex)?.id;
    await this.reload();
    const generation = this.generation;
    const index = selectedId === undefined ? undefined : await this.indexOfRecord(selectedId);
    if (generation === this.generation) this.selectedIndex = index ?? 0;
  }

  /**
   * The record's index in the list: found among the loaded pages, or, sorted by AI risk, by a binary
   * search over pages (one page read per step). Undefined when the list does not hold it.
   */
  private async indexOfRecord(id: number): Promise<number | undefined> {
    for (const [pageIndex, rows] of this.pages) {
      const at = rows.findIndex((row) => row.id === id);
      if (at >= 0) return pageIndex * WORKLIST_PAGE_SIZE + at;
    }
    if (this.sort.column !== 'aiRisk') return undefined;
    const generation = this.generation;
    const direction = this.sort.direction;
    const [target] = await callApi('worklist.aiRisks', { ids: [id] });
    let low = 0;
    let high = Math.ceil(this.total / WORKLIST_PAGE_SIZE) - 1;
    while (target && low <= high && generation === this.generation) {
      const middle = Math.floor((low + high) / 2);
      const rows = await this.ensurePage(middle);
      const at = rows.findIndex((row) => row.id === id);
      if (at >= 0) return middle * WORKLIST_PAGE_SIZE + at;
      if (rows.length === 0) return undefined;
      if (riskOrder(target, rows[0], direction) < 0) high = middle - 1;
      else if (riskOrder(target, rows[rows.length - 1], direction) > 0) low = middle + 1;
      else return undefined;
    }
    return undefined;
  }

  /** Makes sure the rows from `first` to `last` (inclusive) are loaded. */
  async ensureRange(first: number, last: number): Promise<void> {
    const firstPage = Math.floor(Math.max(0, first) / WORKLIST_PAGE_SIZE);
    const lastPage = Math.floor(Math.max(0, last) / WORKLIST_PAGE_SIZE);
    const loads: Promise<WorklistRow[]>[] = [];
    for (let p = firstPage; p <= lastPage; p++) loads.push(this.ensurePage(p));
    await Promise.all(loads);
  }

  /** The row at an index, loading its page when needed. */
  async fetchRow(index: number): Promise<WorklistRow | undefined> {
    if (index < 0 || index >= this.total) return undefined;
    await this.ensurePage(Math.floor(index / WORKLIST_PAGE_SIZE));
    return this.rowAt(index);
  }

  /** Updates one loaded row in place (e.g. its status after opening it) without refetching. */
  patchRow(id: number, change: Partial<WorklistRow>): void {
    for (const [pageIndex, rows] of this.pages) {
      const at = rows.findIndex((row) => row.id === id);
      if (at < 0) continue;
      const copy = [...rows];
      copy[at] = { ...copy[at], ...change };
      this.pages.set(pageIndex, copy);
    }
  }
}

/** The order of a list sorted by AI risk as SQL sorts it (NULL lowest, ties by id the same way): negative when `a` comes first. */
function riskOrder(a: RecordAiRisk, b: RecordAiRisk, direction: WorklistSort['direction']): number {
  const ascending = (a.aiRisk ?? -Infinity) - (b.aiRisk ?? -Infinity) || a.id - b.id;
  return direction === 'asc' ? ascending : -ascending;
}

export const worklist = new WorklistStore();
