/**
 * Migration 5: an index in the worklist's status order (status, then id). Without it, sorting by
 * status sorted the whole study for every page (about 30 ms at 100,000 records).
 */
export const sql = /* sql */ `
CREATE INDEX records_status_id ON records (status, id);
`;
