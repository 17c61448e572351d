/**
 * Migration 4: the audit log's head (entry count and last hash) in its own one-row table. The chain
 * alone cannot show that its newest entries were deleted; the head, advanced by a trigger in the
 * very statement that appends an entry, can. The head only ever moves forward, one entry at a time.
 */
import { GENESIS_HASH } from '../audit-log.ts';

export const sql = /* sql */ `
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  entry_count INTEGER NOT NULL,
  head_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, entry_count, head_hash)
  SELECT 1, count(*), coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}') FROM audit_log;

CREATE TRIGGER audit_log_advance_head AFTER INSERT ON audit_log
BEGIN
  UPDATE audit_head SET entry_count = entry_count + 1, head_hash = NEW.hash WHERE id = 1;
END;
CREATE TRIGGER audit_head_only_advances BEFORE UPDATE ON audit_head
WHEN NEW.id <> OLD.id
  OR NEW.entry_count <> OLD.entry_count + 1
  OR NEW.head_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
BEGIN
  SELECT RAISE(ABORT, 'the audit log head only advances with the log');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
  SELECT RAISE(ABORT, 'the audit log head cannot be deleted');
END;
CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head
BEGIN
  SELECT RAISE(ABORT, 'the audit log has one head');
END;
`;
