/** Worker thread entry: parses and encodes the files the pool sends, one message per file. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseOptions } from '../formats/parser.ts';
import { prepareRecordFromFile } from './prepare-record.ts';

export interface PrepareRequest {
  id: number;
  path: string;
}

const options = (workerData as { options?: ParseOptions } | undefined)?.options;
const port = parentPort;
if (!port) throw new Error('prepare-worker.ts must run as a worker thread');

port.on('message', (request: PrepareRequest) => {
  const outcome = prepareRecordFromFile(request.path, options);
  const transfer = outcome.ok
    ? [outcome.prepared.rhythmBlob.buffer, ...(outcome.prepared.median ? [outcome.prepared.median.blob.buffer] : [])]
    : [];
  port.postMessage({ id: request.id, outcome }, transfer as ArrayBuffer[]);
});
