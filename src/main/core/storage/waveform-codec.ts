/**
 * Lossless waveform storage. Integer-coded leads (samplesUv exactly k × resolutionUv) are kept as
 * ADC counts, first or second differences, zigzag varints; anything else as float32. Derived limb
 * leads that withDerivedLimbLeads reproduces bit for bit are not stored but recomputed on load.
 * The whole blob is deflated (fflate).
 */
import { deflateSync, inflateSync } from 'fflate';
import { withDerivedLimbLeads } from '../../../shared/ecg/leads.ts';
import type { EcgLead, EcgWaveformSet } from '../../../shared/ecg/record.ts';
import { ByteReader } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';

const CODEC_VERSION = 1;
const RECOMPUTABLE_LEADS = new Set(['III', 'aVR', 'aVL', 'aVF']);

const LeadEncoding = { Recomputed: 0, Integer: 1, Float32: 2 } as const;

const FLAG_DERIVED = 1;
const FLAG_HAS_RESOLUTION = 2;

function sameSamples(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    // Object.is keeps NaN equal to NaN and tells -0 from 0, i.e. bitwise identity for our purposes.
    if (!Object.is(a[i], b[i])) return false;
  }
  return true;
}

/** ADC counts when every sample is exactly an integer multiple of resolutionUv, else undefined. */
function integerCounts(lead: EcgLead): Float64Array | undefined {
  const resolutionUv = lead.resolutionUv;
  if (resolutionUv === undefined || !(resolutionUv > 0) || !Number.isFinite(resolutionUv)) return undefined;
  const counts = new Float64Array(lead.samplesUv.length);
  for (let i = 0; i < counts.length; i++) {
    const sampleUv = lead.samplesUv[i];
    const count = Math.round(sampleUv / resolutionUv);
    if (!Number.isSafeInteger(count) || !Object.is(Math.fround(count * resolutionUv), sampleUv)) return undefined;
    counts[i] = count;
  }
  return counts;
}

function differences(counts: Float64Array, order: number): Float64Array {
  let current = counts;
  for (let pass = 0; pass < order; pass++) {
    const next = new Float64Array(current.length);
    let previous = 0;
    for (let i = 0; i < current.length; i++) {
      next[i] = current[i] - previous;
      previous = current[i];
    }
    current = next;
  }
  return current;
}

function varintCost(values: Float64Array): number {
  let bytes = 0;
  for (const value of values) {
    const zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
    bytes += zigzag < 0x80 ? 1 : zigzag < 0x4000 ? 2 : zigzag < 0x200000 ? 3 : 4;
  }
  return bytes;
}

function writeIntegerLead(writer: ByteWriter, counts: Float64Array): void {
  const first = differences(counts, 1);
  const second = differences(first, 1);
  const useSecond = varintCost(second) < varintCost(first);
  writer.u8(useSecond ? 2 : 1);
  for (const value of useSecond ? second : first) writer.signedVarint(value);
}

/** Float32 bytes split into four planes (all first bytes, then all second …), which deflates better. */
function writeFloatLead(writer: ByteWriter, samplesUv: Float32Array): void {
  const raw = new Uint8Array(samplesUv.buffer, samplesUv.byteOffset, samplesUv.byteLength);
  const n = samplesUv.length;
  const planes = new Uint8Array(raw.length);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 4; b++) planes[b * n + i] = raw[i * 4 + b];
  }
  writer.bytes(planes);
}

/** Names of derived leads that withDerivedLimbLeads rebuilds exactly from the other leads. */
function recomputableLeadNames(leads: readonly EcgLead[]): Set<string> {
  const candidates = leads.filter((lead) => lead.derived && RECOMPUTABLE_LEADS.has(lead.name));
  if (candidates.length === 0) return new Set();
  const recomputed = new Map(
    withDerivedLimbLeads(leads.filter((lead) => !candidates.includes(lead))).map((lead) => [lead.name, lead])
  );
  const names = new Set<string>();
  for (const lead of candidates) {
    const rebuilt = recomputed.get(lead.name);
    if (rebuilt?.derived && rebuilt.resolutionUv === lead.resolutionUv && sameSamples(rebuilt.samplesUv, lead.samplesUv)) {
      names.add(lead.name);
    }
  }
  return names;
}

export function encodeWaveformSet(set: EcgWaveformSet): Uint8Array {
  const writer = new ByteWriter(64 * 1024);
  writer.u8(CODEC_VERSION);
  writer.f64(set.sampleRateHz);
  writer.varint(set.leads.length);
  const recomputable = recomputableLeadNames(set.leads);
  for (const lead of set.leads) {
    writer.text(lead.name);
    if (recomputable.has(lead.name)) {
      writer.u8(LeadEncoding.Recomputed);
      continue;
    }
    const counts = integerCounts(lead);
    writer.u8(counts ? LeadEncoding.Integer : LeadEncoding.Float32);
    writer.u8((lead.derived ? FLAG_DERIVED : 0) | (lead.resolutionUv !== undefined ? FLAG_HAS_RESOLUTION : 0));
    if (lead.resolutionUv !== undefined) writer.f64(lead.resolutionUv);
    writer.varint(lead.samplesUv.length);
    if (counts) writeIntegerLead(writer, counts);
    else writeFloatLead(writer, lead.samplesUv);
  }
  return deflateSync(writer.result(), { level: 4 });
}

function readIntegerLead(reader: ByteReader, sampleCount: number, resolutionUv: number): Float32Array {
  const order = reader.u8();
  if (order !== 1 && order !== 2) throw new Error(`stored waveform is damaged: difference order ${order}`);
  const samplesUv = new Float32Array(sampleCount);
  let value = 0;
  let slope = 0;
  for (let i = 0; i < sampleCount; i++) {
    const delta = reader.signedVarint();
    if (order === 2) {
      slope += delta;
      value += slope;
    } else {
      value += delta;
    }
    samplesUv[i] = value * resolutionUv;
  }
  return samplesUv;
}

function readFloatLead(reader: ByteReader, sampleCount: number): Float32Array {
  const planes = reader.bytes(sampleCount * 4);
  const raw = new Uint8Array(sampleCount * 4);
  for (let i = 0; i < sampleCount; i++) {
    for (let b = 0; b < 4; b++) raw[i * 4 + b] = planes[b * sampleCount + i];
  }
  return new Float32Array(raw.buffer);
}

export function decodeWaveformSet(blob: Uint8Array): EcgWaveformSet {
  let reader: ByteReader;
  try {
    reader = new ByteReader(inflateSync(blob));
  } catch (error) {
    throw new Error(`stored waveform is damaged: ${(error as Error).message}`, { cause: error });
  }
  const version = reader.u8();
  if (version !== CODEC_VERSION) throw new Error(`stored waveform has codec version ${version}; this version reads ${CODEC_VERSION}`);
  const sampleRateHz = reader.f64();
  const leadCount = reader.varint();
  const slots: (EcgLead | string)[] = [];
  for (let index = 0; index < leadCount; index++) {
    const name = reader.text();
    const encoding = reader.u8();
    if (encoding === LeadEncoding.Recomputed) {
      slots.push(name);
      continue;
    }
    if (encoding !== LeadEncoding.Integer && encoding !== LeadEncoding.Float32) {
      throw new Error(`stored waveform is damaged: lead encoding ${encoding}`);
    }
    const flags = reader.u8();
    const resolutionUv = flags & FLAG_HAS_RESOLUTION ? reader.f64() : undefined;
    const sampleCount = reader.varint();
    const samplesUv =
      encoding === LeadEncoding.Integer
        ? readIntegerLead(reader, sampleCount, resolutionUv ?? 1)
        : readFloatLead(reader, sampleCount);
    slots.push({
      name,
      derived: (flags & FLAG_DERIVED) !== 0,
      samplesUv,
      ...(resolutionUv !== undefined ? { resolutionUv } : {}),
    });
  }
  if (!reader.atEnd) throw new Error('stored waveform is damaged: trailing bytes');
  const stored = slots.filter((slot): slot is EcgLead => typeof slot !== 'string');
  const rebuilt =
    stored.length < slots.length ? new Map(withDerivedLimbLeads(stored).map((lead) => [lead.name, lead])) : new Map<string, EcgLead>();
  const leads = slots.map((slot) => {
    if (typeof slot !== 'string') return slot;
    const lead = rebuilt.get(slot);
    if (!lead?.derived) throw new Error(`stored waveform is damaged: lead ${slot} cannot be rebuilt`);
    return lead;
  });
  return { sampleRateHz, leads };
}
