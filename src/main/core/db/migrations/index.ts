/** The numbered migrations, in order; the database's user_version is the number of the last one applied. */
import { sql as initial } from './001-initial.ts';
import { sql as modelPredictions } from './002-model-predictions.ts';
import { sql as measurements } from './003-measurements.ts';
import { sql as auditHead } from './004-audit-head.ts';
import { sql as worklistStatusSort } from './005-worklist-status-sort.ts';
import { sql as worklistImportedAcquired } from './006-worklist-imported-acquired.ts';
import { sql as beatFiducialHandEdits } from './007-beat-fiducial-hand-edits.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'model-predictions', sql: modelPredictions },
  { version: 3, name: 'measurements', sql: measurements },
  { version: 4, name: 'audit-head', sql: auditHead },
  { version: 5, name: 'worklist-status-sort', sql: worklistStatusSort },
  { version: 6, name: 'worklist-imported-acquired', sql: worklistImportedAcquired },
  { version: 7, name: 'beat-fiducial-hand-edits', sql: beatFiducialHandEdits },
];
