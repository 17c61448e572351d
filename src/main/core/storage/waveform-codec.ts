/**
 * Lossless waveform storage. Integer-coded leads (samplesUv exactly k × resolutionUv) are kept as
 * ADC counts, first or second differences, zigzag varints; anything else as float32. Derived limb
 * leads that withDerivedLimbLeads reproduces bit for bit are not stored but recomputed on load.
 * The whole blob is raw DEFLATE with Node's native zlib (2–3× faster here than a JS deflate).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { withDerivedLimbLeads } from '../../../shared/ecg/leads.ts';
import type { EcgLead, EcgWaveformSet } from '../../../shared/ecg/record.ts';
import { ByteReader } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';

const CODEC_VERSION = 1;
/** Level 4: 2 KB a record smaller than level 1 for 0.2 ms more; both in bench/storage.ts. */
const DEFLATE_LEVEL = 4;
const RECOMPUTABLE_LEADS = new Set(['III', 'aVR', 'aVL', 'aVF']);

const LeadEncoding = { Recomputed: 0, Integer: 1, Float32: 2 } as const;

const FLAG_DERIVED = 1;
const FLAG_HAS_RESOLUTION = 2;

/** Bitwise identity of two float32 arrays (NaN payloads and the sign of zero included). */
function sameSamples(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const aBits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const bBits = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < aBits.length; i++) {
    if (aBits[i] !== bBits[i]) return false;
  }
  return true;
}

/**
 * Integer coding covers counts below 2^28, so that second differences (at most 4× that) stay in
 * int32 arithmetic; larger counts only come with a tiny resolution and are kept as float32 instead.
 */
const MAX_ABS_COUNT = 2 ** 28;

/**
 * Scratch space reused across leads and records: encoding is synchronous and one thread's, and a
 * fresh array per lead made garbage collection a visible share of import time.
 */
let countsScratch = new Int32Array(0);
let deltasScratch = new Int32Array(0);
/** The uncompressed payload, reused: it grows to a record's size once, not for every record. */
const payloadWriter = new ByteWriter(256 * 1024);

/**
 * ADC counts when every sample is exactly an integer multiple of resolutionUv, else undefined.
 * The counts live in scratch space, valid until the next call.
 */
function integerCounts(lead: EcgLead): Int32Array | undefined {
  const resolutionUv = lead.resolutionUv;
  if (resolutionUv === undefined || !(resolutionUv > 0) || !Number.isFinite(resolutionUv)) return undefined;
  const samplesUv = lead.samplesUv;
  // A multiply is cheaper than a divide; the exactness test below catches any rounding difference.
  const countsPerUv = 1 / resolutionUv;
  if (countsScratch.length < samplesUv.length) countsScratch = new Int32Array(samplesUv.length);
  const counts = countsScratch;
  for (let i = 0; i < samplesUv.length; i++) {
    const sampleUv = samplesUv[i];
    const count = Math.round(sampleUv * countsPerUv);
    // NaN fails the first test.
    if (!(Math.abs(count) < MAX_ABS_COUNT) || Math.fround(count * resolutionUv) !== sampleUv) return undefined;
    // A count of 0 decodes as +0: a -0 sample must stay float32 to come back bit for bit.
    if (count === 0 && Object.is(sampleUv, -0)) return undefined;
    counts[i] = count;
  }
  return counts;
}

/** Estimated varint bytes of an int32; only compares difference orders, so 4+ bytes count as 4. */
function varintBytes(value: number): number {
  const zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
  return zigzag < 0x80 ? 1 : zigzag < 0x4000 ? 2 : zigzag < 0x200000 ? 3 : 4;
}

/** First or second differences, whichever packs smaller, as zigzag varints after an order byte. */
function writeIntegerLead(writer: ByteWriter, counts: Int32Array, sampleCount: number): void {
  let firstCost = 0;
  let secondCost = 0;
  let previous = 0;
  let previousFirst = 0;
  for (let i = 0; i < sampleCount; i++) {
    const first = counts[i] - previous;
    firstCost += varintBytes(first);
    secondCost += varintBytes(first - previousFirst);
    previous = counts[i];
    previousFirst = first;
  }
  const order = secondCost < firstCost ? 2 : 1;
  if (deltasScratch.length < sampleCount) deltasScratch = new Int32Array(sampleCount);
  const deltas = deltasScratch;
  previous = 0;
  previousFirst = 0;
  for (let i = 0; i < sampleCount; i++) {
    const first = counts[i] - previous;
    deltas[i] = order === 2 ? first - previousFirst : first;
    previous = counts[i];
    previousFirst = first;
  }
  writer.u8(order);
  writer.signedVarints32(deltas, sampleCount);
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
  const writer = payloadWriter;
  writer.reset();
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
    if (counts) writeIntegerLead(writer, counts, lead.samplesUv.length);
    else writeFloatLead(writer, lead.samplesUv);
  }
  const compressed = deflateRawSync(writer.written(), { level: DEFLATE_LEVEL });
  // Node may hand back a view into a shared pool; the blob must own its buffer to be transferred.
  return compressed.byteOffset === 0 && compressed.byteLength === compressed.buffer.byteLength ? compressed : new Uint8Array(compressed);
}

/** Decoded differences, reused across leads like the encoder's scratch space. */
let decodedDeltasScratch = new Float64Array(0);

function readIntegerLead(reader: ByteReader, sampleCount: number, resolutionUv: number): Float32Array {
  const order = reader.u8();
  if (order !== 1 && order !== 2) throw new Error(`stored waveform is damaged: difference order ${order}`);
  // Every sample takes at least one byte: checked before allocating what a damaged count asks for.
  if (sampleCount > reader.remainingBytes) throw new Error(`stored waveform is damaged: ${sampleCount} samples in ${reader.remainingBytes} bytes`);
  if (decodedDeltasScratch.length < sampleCount) decodedDeltasScratch = new Float64Array(sampleCount);
  const deltas = decodedDeltasScratch;
  reader.signedVarints(deltas, sampleCount);
  const samplesUv = new Float32Array(sampleCount);
  let value = 0;
  let slope = 0;
  for (let i = 0; i < sampleCount; i++) {
    if (order === 2) {
      slope += deltas[i];
      value += slope;
    } else {
      value += deltas[i];
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
    reader = new ByteReader(inflateRawSync(blob));
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
