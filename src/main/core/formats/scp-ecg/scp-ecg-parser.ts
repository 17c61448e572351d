/**
 * SCP-ECG (EN 1064 / ISO 11073-91064) reader, v1.x to v3.0. No maintained JavaScript library reads
 * SCP-ECG, so this one follows the standard: sections 0–11, CRCs, Huffman and difference coding,
 * reference-beat subtraction, bimodal compression, demographics, statements and measurements.
 */
import { withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import type { EcgLead, EcgRecord, EcgWaveformSet, SourceMeasurement, SourceStatement } from '../../../../shared/ecg/record.ts';
import { EcgParseError, type EcgFormatParser, type ParseSource } from '../parser.ts';
import type { ByteReader } from './byte-reader.ts';
import { bimodalStoredSampleCount, decimationFactor, expandBimodal } from './bimodal.ts';
import { readDemographics } from './demographics.ts';
import { decodeLeads, readEncodedWaveformHeader, type EncodedWaveformHeader } from './encoded-waveform.ts';
import { readGlobalMeasurements } from './global-measurements.ts';
import { readHuffmanTables, type HuffmanTable } from './huffman.ts';
import { readCodedStatements, readTextStatements } from './interpretive-statements.ts';
import { readLeadDefinitions, type ScpLeadDefinition } from './lead-definition.ts';
import { readLeadMeasurements } from './lead-measurements.ts';
import { readQrsLocations, type ScpQrsLocations } from './qrs-locations.ts';
import { readRecordSections, type ScpSection } from './record-sections.ts';
import { ScpFormatError } from './scp-format-error.ts';

/** Longest lead we accept, in samples (over 24 h at 1 kHz): guards allocation against lying headers. */
const MAX_SAMPLES_PER_LEAD = 100_000_000;

interface DecodedSet {
  header: EncodedWaveformHeader;
  counts: Float64Array[];
}

function section(sections: Map<number, ScpSection>, id: number): ByteReader | undefined {
  return sections.get(id)?.body;
}

function decodeReferenceBeats(
  body: ByteReader,
  leads: readonly ScpLeadDefinition[],
  qrs: ScpQrsLocations | undefined,
  tables: readonly HuffmanTable[] | undefined,
  warnings: string[]
): DecodedSet | undefined {
  const header = readEncodedWaveformHeader(body, leads.length);
  let sampleCount: number;
  if (qrs) {
    sampleCount = Math.round((qrs.referenceBeatLengthMs * 1000) / header.sampleIntervalUs);
  } else if (!tables) {
    sampleCount = Math.floor(header.leadByteCounts[0] / 2);
  } else {
    warnings.push('section 5 (reference beats) is Huffman-coded but section 4 giving its length is missing; reference beats not read');
    return undefined;
  }
  const names = leads.map((lead) => lead.name);
  const decoded = decodeLeads(body, header, names, names.map(() => sampleCount), tables);
  warnings.push(...decoded.warnings);
  return { header, counts: decoded.counts };
}

/** Adds the reference beat back into each subtraction zone of section 4 (beat type 0 only). */
function addBackReferenceBeats(rhythm: DecodedSet, reference: DecodedSet, qrs: ScpQrsLocations): void {
  if (rhythm.header.sampleIntervalUs !== reference.header.sampleIntervalUs) {
    throw new ScpFormatError(
      `reference beats (${reference.header.sampleIntervalUs} µs) and rhythm (${rhythm.header.sampleIntervalUs} µs) differ in sample interval; cannot add the subtracted beats back`
    );
  }
  const scale = reference.header.avmNv / rhythm.header.avmNv;
  for (let lead = 0; lead < rhythm.counts.length; lead++) {
    const samples = rhythm.counts[lead];
    const beat = reference.counts[lead];
    for (const complex of qrs.complexes) {
      if (complex.beatType !== 0) continue;
      // Rhythm sample k (1-based) lines up with reference sample k − fiducial + referenceFiducial.
      const shift = qrs.referenceFiducialSample - complex.fiducialSample;
      const first = Math.max(complex.startSample, 1, 1 - shift);
      const last = Math.min(complex.endSample, samples.length, beat.length - shift);
      for (let k = first; k <= last; k++) samples[k - 1] += beat[k + shift - 1] * scale;
    }
  }
}

function decodeFullRateRhythm(
  body: ByteReader,
  header: EncodedWaveformHeader,
  leads: readonly ScpLeadDefinition[],
  tables: readonly HuffmanTable[] | undefined,
  warnings: string[]
): DecodedSet {
  const expected = leads.map((lead) => lead.endSample - lead.startSample + 1);
  const decoded = decodeLeads(body, header, leads.map((lead) => lead.name), expected, tables);
  warnings.push(...decoded.warnings);
  return { header, counts: decoded.counts };
}

/**
 * Section 6 with bimodal compression: decodes the stored values, then rebuilds each lead at the
 * reference beats' (full) rate around the protected zones of section 4.
 */
function decodeBimodalRhythm(
  body: ByteReader,
  header: EncodedWaveformHeader,
  leads: readonly ScpLeadDefinition[],
  qrs: ScpQrsLocations | undefined,
  reference: DecodedSet | undefined,
  tables: readonly HuffmanTable[] | undefined
): DecodedSet {
  if (!reference) {
    throw new ScpFormatError('section 6 uses bimodal compression, but section 5 giving the full sampling rate is missing');
  }
  const zones = qrs?.protectedZones;
  if (!zones) throw new ScpFormatError('section 6 uses bimodal compression, but section 4 holds no protected zones');
  const factor = decimationFactor(header.sampleIntervalUs, reference.header.sampleIntervalUs);
  const stored = leads.map((lead) => bimodalStoredSampleCount(lead, zones, factor));
  const decoded = decodeLeads(body, header, leads.map((lead) => lead.name), stored, tables);
  const counts = decoded.counts.map((values, i) => expandBimodal(values, leads[i], zones, factor));
  return { header: { ...header, sampleIntervalUs: reference.header.sampleIntervalUs, bimodalCompression: false }, counts };
}

function toLeads(set: DecodedSet, definitions: readonly ScpLeadDefinition[], alignToStart: boolean, resolutionUv: number | undefined): EcgLead[] {
  const uvPerCount = set.header.avmNv / 1000;
  const firstStart = Math.min(...definitions.map((d) => d.startSample));
  const offsets = definitions.map((d) => (alignToStart ? d.startSample - firstStart : 0));
  const length = Math.max(...set.counts.map((counts, i) => offsets[i] + counts.length));
  if (length > MAX_SAMPLES_PER_LEAD) {
    throw new ScpFormatError(`section 3 lead ranges span ${length} samples, more than any ECG holds`);
  }
  return definitions.map((definition, i) => {
    const samplesUv = new Float32Array(length).fill(Number.NaN);
    const counts = set.counts[i];
    for (let s = 0; s < counts.length; s++) samplesUv[offsets[i] + s] = counts[s] * uvPerCount;
    return { name: definition.name, derived: false, samplesUv, ...(resolutionUv !== undefined ? { resolutionUv } : {}) };
  });
}

function waveformSet(leads: EcgLead[], header: EncodedWaveformHeader): EcgWaveformSet {
  return { sampleRateHz: 1_000_000 / header.sampleIntervalUs, leads: withDerivedLimbLeads(leads) };
}

function flatLeadWarning(leads: readonly EcgLead[]): string[] {
  const flat = leads.filter((lead) => lead.samplesUv.length > 0 && lead.samplesUv.every((v) => v === 0)).map((lead) => lead.name);
  return flat.length > 0 ? [`lead ${flat.join(', ')} carry no signal (every sample is 0)`] : [];
}

function decodeRecord(bytes: Uint8Array, fileName: string): EcgRecord {
  const { byId } = readRecordSections(bytes);
  const warnings: string[] = [];
  const demographicsBody = section(byId, 1);
  const demographics = demographicsBody ? readDemographics(demographicsBody) : { patient: {}, acquisition: {}, warnings: [] };
  warnings.push(...demographics.warnings);

  const leadBody = section(byId, 3);
  const rhythmBody = section(byId, 6);
  if (!leadBody) throw new ScpFormatError('no lead definition (section 3)');
  if (!rhythmBody) throw new ScpFormatError('no rhythm data (section 6)');
  const definitions = readLeadDefinitions(leadBody);
  warnings.push(...definitions.warnings);
  const leads = definitions.leads;

  const huffmanBody = section(byId, 2);
  const tables = huffmanBody ? readHuffmanTables(huffmanBody) : undefined;
  const qrsBody = section(byId, 4);
  const qrs = qrsBody ? readQrsLocations(qrsBody) : undefined;

  const rhythmHeader = readEncodedWaveformHeader(rhythmBody, leads.length);
  if (leads.some((lead) => lead.endSample - lead.startSample + 1 > MAX_SAMPLES_PER_LEAD)) {
    throw new ScpFormatError('section 3 declares leads longer than any ECG');
  }
  const referenceBody = section(byId, 5);
  const reference = referenceBody ? decodeReferenceBeats(referenceBody, leads, qrs, tables, warnings) : undefined;
  const rhythm = rhythmHeader.bimodalCompression
    ? decodeBimodalRhythm(rhythmBody, rhythmHeader, leads, qrs, reference, tables)
    : decodeFullRateRhythm(rhythmBody, rhythmHeader, leads, tables, warnings);

  // Interpolated samples fall between quantisation steps, so a bimodal rhythm has no resolution.
  let rhythmResolutionUv: number | undefined = rhythmHeader.bimodalCompression ? undefined : rhythmHeader.avmNv / 1000;
  if (definitions.referenceBeatSubtracted && qrs && qrs.complexes.length > 0) {
    if (!reference) throw new ScpFormatError('section 3 says reference beats were subtracted, but section 5 holding them is missing');
    addBackReferenceBeats(rhythm, reference, qrs);
    // Added-back beats stay on the rhythm grid only when their AVM is a whole multiple of it.
    if (reference.header.avmNv % rhythmHeader.avmNv !== 0) rhythmResolutionUv = undefined;
  }

  const rhythmLeads = toLeads(rhythm, leads, true, rhythmResolutionUv);
  warnings.push(...flatLeadWarning(rhythmLeads));
  const measurements: SourceMeasurement[] = [];
  const globalBody = section(byId, 7);
  if (globalBody) measurements.push(...readGlobalMeasurements(globalBody));
  const perLeadBody = section(byId, 10);
  if (perLeadBody) measurements.push(...readLeadMeasurements(perLeadBody));
  const statements: SourceStatement[] = [];
  const textBody = section(byId, 8);
  if (textBody) statements.push(...readTextStatements(textBody));
  const codedBody = section(byId, 11);
  if (codedBody) statements.push(...readCodedStatements(codedBody));

  return {
    format: 'scp-ecg',
    sourceFile: fileName,
    sourceFiles: [fileName],
    rhythm: waveformSet(rhythmLeads, rhythm.header),
    ...(reference
      ? { medianBeats: waveformSet(toLeads(reference, leads, false, reference.header.avmNv / 1000), reference.header) }
      : {}),
    patient: demographics.patient,
    acquisition: demographics.acquisition,
    statements,
    measurements,
    annotations: [],
    warnings,
  };
}

const SIGNATURE = 'SCPECG';

export const scpEcgParser: EcgFormatParser = {
  format: 'scp-ecg',
  extensions: ['.scp'],
  sniff(source: ParseSource): boolean {
    const bytes = source.bytes;
    if (bytes.length < 22 || bytes[8] !== 0 || bytes[9] !== 0) return false;
    return String.fromCharCode(...bytes.subarray(16, 22)) === SIGNATURE;
  },
  parse(source: ParseSource): EcgRecord {
    if (source.bytes.length === 0) throw new EcgParseError(source.fileName, 'the file is empty');
    try {
      return decodeRecord(source.bytes, source.fileName);
    } catch (error) {
      if (error instanceof ScpFormatError) throw new EcgParseError(source.fileName, `SCP-ECG: ${error.message}`);
      throw error;
    }
  },
};
