/**
 * Section 3: which leads are stored, over which sample range, and whether reference-beat
 * subtraction was used.
 */
import type { ByteReader } from './byte-reader.ts';
import { scpLeadName } from './lead-codes.ts';
import { ScpFormatError } from './scp-format-error.ts';

export interface ScpLeadDefinition {
  code: number;
  name: string;
  /** First sample of the lead, counting from 1 on the record's time axis. */
  startSample: number;
  /** Last sample, inclusive. */
  endSample: number;
}

export interface ScpLeadDefinitions {
  leads: ScpLeadDefinition[];
  referenceBeatSubtracted: boolean;
  warnings: string[];
}

const LEAD_ENTRY_BYTES = 9;

export function readLeadDefinitions(body: ByteReader): ScpLeadDefinitions {
  const leadCount = body.u8(0, 'number of leads');
  const flags = body.u8(1, 'flags');
  if (leadCount === 0) throw new ScpFormatError('section 3 declares no leads');
  const warnings: string[] = [];
  const leads: ScpLeadDefinition[] = [];
  let zeroBasedLeads = 0;
  for (let i = 0; i < leadCount; i++) {
    const offset = 2 + i * LEAD_ENTRY_BYTES;
    const where = `lead ${i + 1} definition`;
    let startSample = body.u32(offset, where);
    const endSample = body.u32(offset + 4, where);
    const code = body.u8(offset + 8, where);
    // Some writers (the ECG-soft demo) count from 0 with an exclusive end; read that as 1-based.
    if (startSample === 0) {
      startSample = 1;
      zeroBasedLeads++;
    }
    if (endSample < startSample) {
      throw new ScpFormatError(`section 3: lead ${i + 1} ends (sample ${endSample}) before it starts (sample ${startSample})`);
    }
    leads.push({ code, name: scpLeadName(code), startSample, endSample });
  }
  if (zeroBasedLeads > 0) {
    warnings.push(`section 3 gives ${zeroBasedLeads} lead(s) a 0-based start index; read as samples 1 to the stated end`);
  }
  return { leads, referenceBeatSubtracted: (flags & 0x01) !== 0, warnings };
}
