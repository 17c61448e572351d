/**
 * A minimal reader for PTB-XL 500 Hz records (WFDB format 16, gain 1000/mV, baseline 0), independent
 * of the product's WFDB parser, so storage tests do not depend on another engineer's code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalLeadName } from '../../src/shared/ecg/leads.ts';
import type { EcgRecord } from '../../src/shared/ecg/record.ts';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const PTBXL500_DIR = `${SHARED_DIR}refdata/ptbxl/records500/00000/`;

export function ptbxlRecordName(ecgId: number): string {
  return `${String(ecgId).padStart(5, '0')}_hr`;
}

export function readPtbxl500(ecgId: number): EcgRecord {
  const name = ptbxlRecordName(ecgId);
  const header = readFileSync(`${PTBXL500_DIR}${name}.hea`, 'latin1').trim().split('\n');
  const [, leadCountText, sampleRateText, sampleCountText] = header[0].split(/\s+/);
  const leadCount = Number(leadCountText);
  const sampleCount = Number(sampleCountText);
  const signalLines = header.slice(1, 1 + leadCount).map((line) => line.split(/\s+/));
  const data = readFileSync(`${PTBXL500_DIR}${name}.dat`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const leads = signalLines.map((fields, leadIndex) => {
    const gainPerMv = Number.parseFloat(fields[2]);
    const samplesUv = new Float32Array(sampleCount);
    for (let i = 0; i < sampleCount; i++) {
      samplesUv[i] = (view.getInt16((i * leadCount + leadIndex) * 2, true) / gainPerMv) * 1000;
    }
    return { name: canonicalLeadName(fields[8]), derived: false, samplesUv, resolutionUv: 1000 / gainPerMv };
  });
  return {
    format: 'wfdb',
    sourceFile: `${name}.hea`,
    sourceFiles: [`${name}.hea`, `${name}.dat`],
    rhythm: { sampleRateHz: Number(sampleRateText), leads },
    patient: {},
    acquisition: {},
    statements: [],
    measurements: [],
    annotations: [],
    warnings: [],
  };
}
