/**
 * The worklist: query (sort and filters), the total and unread counts, and rows fetched page by page
 * as the virtualised list scrolls, so 100,000 records cost only the pages on screen.
 */
import type { WorklistQuery, WorklistRow } from '../../../shared/contract/worklist.ts';
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
  /** Bumped on each new query so answers to an older query are dropped. */
  private generation = 0;
  private inFlight = new Map<number, Promise<WorklistRow[]>>();
  /** Cached pages off screen when AI results arrived: shown as they are, re-read when next asked for. */
  private stalePages = new Set<number>();

  rowAt(index: number): WorklistRow | undefined {
    return this.pages.get(Math.floor(index / WORKLIST_PAGE_SIZE))?.[index % WORKLIST_PAGE_SIZE];
  }

  /** Clears the cache and loads the first page for the current query. */
  async reload(): Promise<void> {
    this.generation++;
    this.inFlight.clear();
    this.pages.clear();
    this.stalePages.clear();
    await this.ensurePage(0);
    this.selectedIndex = Math.min(this.selectedIndex, Math.max(0, this.total - 1));
  }

  async ensurePage(pageIndex: number): Promise<WorklistRow[]> {
    const cached = this.pages.get(pageIndex);
    if (cached && !this.stalePages.has(pageIndex)) return cached;
    const pending = this.inFlight.get(pageIndex);
    if (pending) return pending;
    const generation = this.generation;
    const request = callApi('worklist.page', this.pageQuery(pageIndex))
      .then((page) => {
        if (generation !== this.generation) return page.rows;
        this.total = page.total;
        this.unread = page.unread;
        this.error = null;
        this.stalePages.delete(pageIndex);
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
   * Re-reads the AI risk of the rows on the loaded pages firstPage..lastPage (those on screen) after
   * the AI queue stored results. Rows keep their places, even when sorted by risk, so the selection
   * and the scroll position stay; a row the fresh pages no longer hold keeps its value until the list
   * is re-queried. Other loaded pages are re-read when next asked for.
   */
  async refreshAiRisk(firstPage: number, lastPage: number): Promise<void> {
    const onScreen: number[] = [];
    for (const pageIndex of this.pages.keys()) {
      if (pageIndex >= firstPage && pageIndex <= lastPage) onScreen.push(pageIndex);
      else this.stalePages.add(pageIndex);
    }
    const generation = this.generation;
    let fresh: WorklistRow[][];
    try {
      fresh = await Promise.all(onScreen.map(async (pageIndex) => (await callApi('worklist.page', this.pageQuery(pageIndex))).rows));
    } catch (error) {
      this.error = (error as Error).message;
      return;
    }
    if (generation !== this.generation) return;
    const riskById = new Map(fresh.flat().map((row) => [row.id, row.aiRisk]));
    for (const pageIndex of onScreen) {
      const rows = this.pages.get(pageIndex);
      if (!rows?.some((row) => riskById.has(row.id) && riskById.get(row.id) !== row.aiRisk)) continue;
      this.pages.set(
        pageIndex,
        rows.map((row) => {
          const aiRisk = riskById.get(row.id);
          return aiRisk === undefined || aiRisk === row.aiRisk ? row : { ...row, aiRisk };
        })
      );
    }
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

export const worklist = new WorklistStore();
