import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { verifyAuditChain } from '../../src/main/core/db/audit-log.ts';
import { openStudyDatabase } from '../../src/main/core/db/open-database.ts';
import { prepareRecordFromFile } from '../../src/main/core/import/prepare-record.ts';
import type { PreparedRecord } from '../../src/main/core/study/prepared-record.ts';
import { insertPreparedRecords } from '../../src/main/core/study/record-writer.ts';
import { clinicalRowCounts } from '../import/helpers.ts';
import { PTBXL500_DIR, ptbxlRecordName } from './ptbxl-fixture.ts';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function prepared(ecgId: number): PreparedRecord {
  const outcome = prepareRecordFromFile(`${PTBXL500_DIR}${ptbxlRecordName(ecgId)}.hea`);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.prepared;
}

describe('batch record writer', () => {
  it('keeps each record atomic inside one batch: a failing one leaves nothing, the others stay', () => {
    const db = openStudyDatabase(':memory:');
    open.push(db);
    const [first, second, third] = [1, 2, 3].map(prepared);
    // Fail the second record's last write (its files), after its record, waveform and audit rows.
    db.exec(`CREATE TRIGGER inject BEFORE INSERT ON files WHEN NEW.path LIKE '%${ptbxlRecordName(2)}.dat'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const outcomes = insertPreparedRecords(db, [first, second, third, first], null, 'test');
    expect(outcomes.map((o) => o.kind)).toEqual(['imported', 'failed', 'imported', 'duplicate']);
    expect(String(outcomes[1].kind === 'failed' && outcomes[1].error)).toMatch(/injected failure/);
    expect(outcomes[3]).toEqual(outcomes[0].kind === 'imported' ? { kind: 'duplicate', recordId: outcomes[0].recordId } : null);
    const counts = clinicalRowCounts(db);
    expect(counts).toMatchObject({ records: 2, waveforms: 2, files: 4, audit_log: 2 });
    expect(db.prepare('SELECT source_file FROM records ORDER BY id').all()).toEqual([
      { source_file: `${ptbxlRecordName(1)}.hea` },
      { source_file: `${ptbxlRecordName(3)}.hea` },
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 2 });
  });
});
