/**
 * Philips `<parsedwaveforms>` (the rhythm data, XLI-compressed or plain base64 int16) and
 * `<repbeats>` (one representative beat per lead, plain base64 int16) to waveform sets.
 */
import { EcgParseError } from '../parser.ts';
import type { EcgLead, EcgWaveformSet } from '../../../../shared/ecg/record.ts';
import { STANDARD_12_LEADS, canonicalLeadName, orderLeads } from '../../../../shared/ecg/leads.ts';
import { children, descend, numberAt, parseNumber, textAt, type XmlElement } from '../ge-muse/xml-tree.ts';
import { decodeBase64Strict } from '../ge-muse/strict-base64.ts';
import { decodeXli, XliFormatError } from './xli-decoder.ts';
import { reconstructLimbLeads } from './limb-leads.ts';
import { findCalibrationPulse } from './calibration-pulse.ts';

function int16Samples(bytes: Uint8Array, start: number, count: number): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(start + 2 * i, true);
  return samples;
}

function toLead(name: string, counts: Int16Array, resolutionUv: number): EcgLead {
  const samplesUv = new Float32Array(counts.length);
  for (let i = 0; i < counts.length; i++) samplesUv[i] = counts[i] * resolutionUv;
  return { name, derived: false, samplesUv, resolutionUv };
}

function leadLabels(parsed: XmlElement, signal: XmlElement | undefined): string[] {
  const declared = parseNumber(parsed.attributes.numberofleads) ?? numberAt(signal, 'numberchannelsvalid') ?? numberAt(signal, 'numberchannelsallocated');
  const listed = (parsed.attributes.leadlabels ?? '').split(/\s+/).filter((label) => label !== '');
  const count = declared ?? listed.length;
  if (listed.length >= count) return listed.slice(0, count).map(canonicalLeadName);
  const acquisitionType = textAt(signal, 'acquisitiontype') ?? '';
  const standard = /^(STD-12|10-WIRE)$/i.test(acquisitionType);
  return Array.from({ length: count }, (_, i) => (standard && i < 12 ? STANDARD_12_LEADS[i] : `Channel ${i + 1}`));
}

function compressionOf(parsed: XmlElement): string {
  if ((parsed.attributes.compressflag ?? '').toLowerCase() === 'false') return 'uncompressed';
  return (parsed.attributes.compressmethod ?? parsed.attributes.compression ?? 'uncompressed').toLowerCase();
}

/** The rhythm data, with limb leads rebuilt and the trailing calibration pulse trimmed (and noted). */
export function decodeParsedWaveforms(root: XmlElement, fileName: string, warnings: string[]): EcgWaveformSet {
  const parsed = descend(root, 'waveforms', 'parsedwaveforms');
  if (!parsed) throw new EcgParseError(fileName, 'the file has no <parsedwaveforms>');
  const signal = descend(root, 'dataacquisition', 'signalcharacteristics');
  const sampleRateHz = parseNumber(parsed.attributes.samplespersecond) ?? numberAt(signal, 'samplingrate');
  if (sampleRateHz === undefined || !(sampleRateHz > 0)) throw new EcgParseError(fileName, 'no valid sampling rate');
  const resolutionUv = parseNumber(parsed.attributes.resolution) ?? numberAt(signal, 'resolution') ?? numberAt(signal, 'signalresolution');
  if (resolutionUv === undefined || !(resolutionUv > 0)) throw new EcgParseError(fileName, 'no valid signal resolution');
  const durationMs = parseNumber(parsed.attributes.durationperchannel);
  if (durationMs === undefined || !(durationMs > 0)) throw new EcgParseError(fileName, 'no valid durationperchannel');
  const sampleCount = Math.round((durationMs * sampleRateHz) / 1000);
  const labels = leadLabels(parsed, signal);
  if (labels.length === 0) throw new EcgParseError(fileName, 'the waveform declares no leads');
  const encoding = (parsed.attributes.dataencoding ?? 'Base64').toLowerCase();
  if (encoding !== 'base64') throw new EcgParseError(fileName, `unsupported waveform data encoding '${parsed.attributes.dataencoding}'`);
  const data = decodeBase64Strict(parsed.text);
  if (data === undefined) throw new EcgParseError(fileName, 'the waveform data are not valid base64');

  const compression = compressionOf(parsed);
  let counts: Int16Array[];
  if (compression === 'xli') {
    try {
      counts = decodeXli(data, labels.length, sampleCount);
    } catch (error) {
      if (error instanceof XliFormatError) throw new EcgParseError(fileName, `the XLI waveform data are damaged: ${error.message}`);
      throw error;
    }
  } else if (compression === 'uncompressed') {
    if (data.length < labels.length * sampleCount * 2) {
      throw new EcgParseError(fileName, `the waveform data hold ${data.length} bytes, ${labels.length * sampleCount * 2} expected`);
    }
    counts = labels.map((_, lead) => int16Samples(data, lead * sampleCount * 2, sampleCount));
  } else {
    throw new EcgParseError(fileName, `unsupported waveform compression '${compression}'`);
  }
  counts.forEach((lead, index) => {
    if (lead.length < sampleCount) {
      throw new EcgParseError(fileName, `lead ${labels[index]} decodes to ${lead.length} samples, ${sampleCount} expected`);
    }
  });
  counts = counts.map((lead) => lead.subarray(0, sampleCount));

  const byName = new Map(labels.map((label, index) => [label, counts[index]]));
  const [I, II, III, aVR, aVL, aVF] = (['I', 'II', 'III', 'aVR', 'aVL', 'aVF'] as const).map((name) => byName.get(name));
  // Only the XLI encoder stores limb-lead residuals; plain data carry the leads as recorded.
  if (compression === 'xli' && I && II && III && aVR && aVL && aVF) reconstructLimbLeads({ I, II, III, aVR, aVL, aVF });

  const pulse = findCalibrationPulse(counts);
  if (pulse) {
    counts = counts.map((lead) => lead.subarray(0, pulse.signalEndIndex));
    warnings.push(
      `a ${pulse.pulseCounts * resolutionUv} µV calibration pulse of ${(pulse.pulseSampleCount * 1000) / sampleRateHz} ms ` +
        `appended after the signal was trimmed: ${pulse.signalEndIndex} of ${sampleCount} samples kept`
    );
  }
  return { sampleRateHz, leads: orderLeads(labels.map((label, index) => toLead(label, counts[index], resolutionUv))) };
}

/** 1.04 pads each representative beat to twice its length with int16 maximum values: not samples. */
const REPBEAT_FILL = 32767;

function withoutFill(counts: Int16Array): Int16Array {
  let end = counts.length;
  while (end > 0 && counts[end - 1] === REPBEAT_FILL) end--;
  return counts.subarray(0, end);
}

/** The representative beats, or undefined (with a warning when they are present but unreadable). */
export function decodeRepresentativeBeats(root: XmlElement, warnings: string[]): EcgWaveformSet | undefined {
  const repbeats = descend(root, 'waveforms', 'repbeats');
  if (!repbeats) return undefined;
  const sampleRateHz = parseNumber(repbeats.attributes.samplespersec ?? repbeats.attributes.samplespersecond);
  const resolutionUv = parseNumber(repbeats.attributes.resolution);
  const compression = (repbeats.attributes.compression ?? repbeats.attributes.compressmethod ?? 'uncompressed').toLowerCase();
  const skip = (why: string): undefined => {
    warnings.push(`representative beats not read: ${why}`);
    return undefined;
  };
  if (sampleRateHz === undefined || !(sampleRateHz > 0)) return skip('no valid samplespersec');
  if (resolutionUv === undefined || !(resolutionUv > 0)) return skip('no valid resolution');
  if (compression !== 'uncompressed') return skip(`unsupported compression '${compression}'`);
  const leads: EcgLead[] = [];
  for (const repbeat of children(repbeats, 'repbeat')) {
    const name = canonicalLeadName(repbeat.attributes.leadname ?? '');
    const bytes = decodeBase64Strict(textAt(repbeat, 'waveform') ?? '');
    if (name === '' || bytes === undefined || bytes.length < 2) return skip(`lead '${name}' has no valid base64 waveform`);
    const counts = withoutFill(int16Samples(bytes, 0, Math.floor(bytes.length / 2)));
    if (counts.length === 0) return skip(`lead '${name}' holds only fill values`);
    leads.push(toLead(name, counts, resolutionUv));
  }
  if (leads.length === 0) return undefined;
  return { sampleRateHz, leads: orderLeads(leads) };
}
