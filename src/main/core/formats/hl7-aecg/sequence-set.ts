/**
 * One aECG sequenceSet → a waveform set: the time sequence (GLIST_TS with an absolute head, or
 * GLIST_PQ relative) gives the sampling rate, each lead's SLIST_PQ gives origin + scale × digits.
 */
import { canonicalLeadName, withDerivedLimbLeads } from '../../../../shared/ecg/leads.ts';
import type { EcgLead, EcgWaveformSet } from '../../../../shared/ecg/record.ts';
import { EcgParseError } from '../parser.ts';
import { parseTs, roundSeconds, secondsPerTimeUnit } from './hl7-time.ts';
import { attribute, child, children, textOf, type XmlElement } from './xml-element.ts';

export interface DecodedSequenceSet {
  set: EcgWaveformSet;
  /** Epoch seconds of the first sample when the time sequence is absolute (GLIST_TS). */
  startEpochS?: number;
}

const MICROVOLTS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['uV', 1],
  ['mV', 1000],
  ['V', 1e6],
  ['nV', 1e-3],
]);

interface TimeAxis {
  sampleRateHz: number;
  startEpochS?: number;
}

function quantity(element: XmlElement | undefined): { value: number; unit?: string } | undefined {
  const value = attribute(element, 'value');
  if (value === undefined) return undefined;
  return { value: Number(value), unit: attribute(element, 'unit') };
}

export function decodeSequenceSet(fileName: string, sequenceSet: XmlElement, where: string): DecodedSequenceSet {
  function fail(problem: string): never {
    throw new EcgParseError(fileName, `${where}: ${problem}`);
  }

  function timeAxis(code: string, value: XmlElement): TimeAxis {
    const type = attribute(value, 'type');
    if (type !== 'GLIST_TS' && type !== 'GLIST_PQ') {
      fail(`time sequence ${code} of type ${type ?? 'unstated'} is not supported (expected GLIST_TS or GLIST_PQ)`);
    }
    const increment = quantity(child(value, 'increment'));
    const secondsPerUnit = secondsPerTimeUnit(increment?.unit);
    if (!increment || secondsPerUnit === undefined || !(increment.value > 0)) {
      fail(`time sequence ${code} has no valid increment`);
    }
    const sampleRateHz = Math.round(1e6 / (increment.value * secondsPerUnit)) / 1e6;
    if (type === 'GLIST_PQ') return { sampleRateHz };
    const head = parseTs(attribute(child(value, 'head'), 'value'));
    if (!head) fail(`time sequence ${code} has no valid head time stamp`);
    return { sampleRateHz, startEpochS: head.epochS };
  }

  function lead(code: string, value: XmlElement): EcgLead {
    const name = canonicalLeadName(code);
    const type = attribute(value, 'type');
    if (type !== 'SLIST_PQ') fail(`lead ${name} has value type ${type ?? 'unstated'}, not SLIST_PQ`);
    const origin = quantity(child(value, 'origin')) ?? { value: 0, unit: 'uV' };
    const scale = quantity(child(value, 'scale'));
    if (!scale) fail(`lead ${name} has no scale`);
    const originFactor = MICROVOLTS_PER_UNIT.get(origin.unit ?? '');
    const scaleFactor = MICROVOLTS_PER_UNIT.get(scale.unit ?? '');
    if (originFactor === undefined || scaleFactor === undefined) {
      fail(`lead ${name} is in "${scale.unit ?? origin.unit ?? 'no unit'}", not a voltage unit`);
    }
    const originUv = origin.value * originFactor;
    const resolutionUv = scale.value * scaleFactor;
    if (!Number.isFinite(originUv) || !Number.isFinite(resolutionUv) || resolutionUv === 0) {
      fail(`lead ${name} has an invalid origin or scale`);
    }
    const digits = (textOf(child(value, 'digits')) ?? '').split(/\s+/).filter((d) => d.length > 0);
    const samplesUv = new Float32Array(digits.length);
    for (let i = 0; i < digits.length; i++) {
      const digit = Number(digits[i]);
      if (!Number.isFinite(digit)) fail(`lead ${name} has a non-numeric sample "${digits[i]}" at position ${i + 1}`);
      samplesUv[i] = originUv + digit * resolutionUv;
    }
    if (samplesUv.length === 0) fail(`lead ${name} has no samples`);
    return { name, derived: false, samplesUv, resolutionUv };
  }

  let axis: TimeAxis | undefined;
  const leads: EcgLead[] = [];
  for (const sequence of children(sequenceSet, 'component').flatMap((c) => children(c, 'sequence'))) {
    const code = attribute(child(sequence, 'code'), 'code');
    const value = child(sequence, 'value');
    if (!code || !value) fail('a sequence has no code or no value');
    if (code === 'TIME_ABSOLUTE' || code === 'TIME_RELATIVE') axis ??= timeAxis(code, value);
    else leads.push(lead(code, value));
  }
  if (!axis) fail('has no TIME_ABSOLUTE or TIME_RELATIVE sequence');
  if (leads.length === 0) fail('has no lead sequences');
  const length = leads[0].samplesUv.length;
  const odd = leads.find((l) => l.samplesUv.length !== length);
  if (odd) fail(`lead ${odd.name} has ${odd.samplesUv.length} samples but lead ${leads[0].name} has ${length}`);

  return {
    set: { sampleRateHz: axis.sampleRateHz, leads: withDerivedLimbLeads(leads) },
    ...(axis.startEpochS !== undefined ? { startEpochS: roundSeconds(axis.startEpochS) } : {}),
  };
}
