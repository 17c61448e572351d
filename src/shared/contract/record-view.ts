/** A stored record as the viewer receives it: the ECG record model, plus its database identity. */
import type { EcgRecord } from '../ecg/record.ts';
import type { ReviewStatus } from './worklist.ts';

export interface RecordView {
  id: number;
  sourceSha256: string;
  importedAt: string;
  status: ReviewStatus;
  record: EcgRecord;
}
