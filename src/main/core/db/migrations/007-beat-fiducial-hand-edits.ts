/**
 * Migration 7: a beat's fiducial the reader placed by hand on the rhythm strip is told apart from one
 * that moved with the median beat's edit, so a later median-beat edit (which rewrites the followed
 * ones) leaves the hand-placed ones where the reader put them.
 */
export const sql = /* sql */ `
ALTER TABLE measurement_fiducials ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0
  CHECK (by_hand IN (0, 1) AND (by_hand = 0 OR (beat >= 0 AND provenance = 'edited')));
`;
