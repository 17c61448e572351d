/**
 * The current AI risk of given records, by id: how the worklist refreshes the rows it shows while the
 * AI queue runs without re-reading pages by offset (under a risk sort the rows would move between pages).
 */
import type Database from 'better-sqlite3';
import type { RecordAiRisk } from '../../../shared/contract/worklist.ts';

/** In the order of `ids`, once each; ids of records that do not exist are left out. */
export function recordAiRisks(db: Database.Database, ids: readonly number[]): RecordAiRisk[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = db
    .prepare(`SELECT id, ai_risk FROM records WHERE id IN (${unique.map(() => '?').join(', ')})`)
    .all(...unique) as { id: number; ai_risk: number | null }[];
  const riskById = new Map(rows.map((row) => [row.id, row.ai_risk]));
  return unique.filter((id) => riskById.has(id)).map((id) => ({ id, aiRisk: riskById.get(id) ?? null }));
}
