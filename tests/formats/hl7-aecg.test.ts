import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../src/main/core/formats/file-source.ts';
import { hl7AecgParser } from '../../src/main/core/formats/hl7-aecg/aecg-parser.ts';
import { EcgParseError, type ParseSource } from '../../src/main/core/formats/parser.ts';
import { parseEcg } from '../../src/main/core/formats/registry.ts';
import type { EcgRecord, EcgWaveformSet } from '../../src/shared/ecg/record.ts';
import { sharedPath } from '../support/shared-data.ts';

const REAL_FILE = sharedPath('ecg/hl7aecg/Example aECG.xml');
const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function memory(fileName: string, content: string | Uint8Array): ParseSource {
  return { fileName, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, readSibling: () => undefined };
}

function samples(set: EcgWaveformSet, name: string): Float32Array {
  const lead = set.leads.find((l) => l.name === name);
  if (!lead) throw new Error(`no lead ${name}`);
  return lead.samplesUv;
}

function parseError(content: string | Uint8Array, fileName = 'bad.xml'): EcgParseError {
  try {
    hl7AecgParser.parse(memory(fileName, content));
  } catch (error) {
    expect(error).toBeInstanceOf(EcgParseError);
    expect((error as EcgParseError).message.startsWith(`${fileName}: `)).toBe(true);
    return error as EcgParseError;
  }
  throw new Error('expected the parse to fail');
}

// Expected sample values were taken independently from the <digits> lists with Python
// (digit × 2.5 µV, origin 0): lead I is the first list, lead II the second.
describe('HL7 aECG: the HL7 example (Mortara ELI250)', () => {
  const record: EcgRecord = parseEcg(fileSource(REAL_FILE));

  it('is chosen among the .xml parsers by its content', () => {
    expect(record.format).toBe('hl7-aecg');
    expect(hl7AecgParser.sniff(fileSource(REAL_FILE))).toBe(true);
    expect(hl7AecgParser.sniff(fileSource(sharedPath('ecg/muse_xml/muse_ecg1.xml')))).toBe(false);
  });

  it('decodes the rhythm set: 12 recorded leads in canonical order, 500 Hz, 10 s, 2.5 µV', () => {
    expect(record.rhythm.sampleRateHz).toBe(500);
    expect(record.rhythm.leads.map((l) => l.name)).toEqual(TWELVE);
    for (const lead of record.rhythm.leads) {
      expect(lead.derived).toBe(false);
      expect(lead.samplesUv.length).toBe(5000);
      expect(lead.resolutionUv).toBe(2.5);
    }
  });

  it('scales the SLIST digits to microvolts', () => {
    expect(Array.from(samples(record.rhythm, 'I').subarray(0, 6))).toEqual([-5, -5, -5, -5, -7.5, -10]);
    expect(samples(record.rhythm, 'I')[2500]).toBe(-22.5);
    expect(Math.min(...samples(record.rhythm, 'I'))).toBe(-305);
    expect(Math.max(...samples(record.rhythm, 'I'))).toBe(415);
    expect(samples(record.rhythm, 'II')[2500]).toBe(-5);
    expect(Math.min(...samples(record.rhythm, 'II'))).toBe(-667.5);
    expect(Array.from(samples(record.rhythm, 'V6').subarray(0, 3))).toEqual([-22.5, -17.5, -12.5]);
    expect(samples(record.rhythm, 'V6')[2500]).toBe(-50);
    expect(Math.max(...samples(record.rhythm, 'V6'))).toBe(972.5);
    expect(Math.min(...samples(record.rhythm, 'aVF'))).toBe(-775);
  });

  it('reads the representative beat inside derivation as median beats (TIME_RELATIVE, 599 samples)', () => {
    const median = record.medianBeats!;
    expect(median.sampleRateHz).toBe(500);
    expect(median.leads.map((l) => l.name)).toEqual(TWELVE);
    expect(median.leads.every((l) => l.samplesUv.length === 599 && !l.derived)).toBe(true);
    expect(Array.from(samples(median, 'I').subarray(0, 3))).toEqual([10, 10, 5]);
    expect(samples(median, 'I')[300]).toBe(30);
    expect(Math.max(...samples(median, 'V6'))).toBe(957.5);
  });

  it('keeps the statement and the global measurements, not the per-beat repeats', () => {
    expect(record.statements).toEqual([
      { text: 'Sinus Rhythm', source: 'device', code: 'MDC_ECG_RHY_SINUS_RHY', codeSystem: 'MDC' },
    ]);
    expect(record.measurements.map((m) => [m.name, m.value, m.unit])).toEqual([
      ['pDurationMs', 102, 'ms'],
      ['prMs', 148, 'ms'],
      ['qrsMs', 120, 'ms'],
      ['qtMs', 420, 'ms'],
      ['qtcMs', 443, 'ms'],
      ['pAxisDeg', 44, 'deg'],
      ['qrsAxisDeg', -61, 'deg'],
      ['tAxisDeg', 86, 'deg'],
    ]);
  });

  it('keeps the three annotation sets apart, with times relative to their series', () => {
    const bySet = new Map<string, number>();
    for (const a of record.annotations) bySet.set(a.set, (bySet.get(a.set) ?? 0) + 1);
    // Device set: 1 rhythm + 12 beats × (P, QRS, T); reader set: 4 R peaks + 3 QT; median set: P, QRS, T.
    expect(Object.fromEntries(bySet)).toEqual({ 'rhythm (ELI250)': 37, 'rhythm (Doctor John Brown)': 7, 'median beat': 3 });
    const device = record.annotations.filter((a) => a.set === 'rhythm (ELI250)');
    expect(device[0]).toEqual({ set: 'rhythm (ELI250)', timeS: 0, endTimeS: 10, code: 'MDC_ECG_RHY_SINUS_RHY', description: 'Sinus Rhythm' });
    expect(device[1]).toMatchObject({ code: 'MDC_ECG_WAVC_PWAVE', timeS: 0.122, endTimeS: 0.224 });
    expect(device[3]).toMatchObject({ code: 'MDC_ECG_WAVC_TWAVE', timeS: 0.69, description: 'MDC_ECG_BEAT_NORMAL, end only' });
    expect(device[3].endTimeS).toBeUndefined();
    const reader = record.annotations.filter((a) => a.set === 'rhythm (Doctor John Brown)');
    expect(reader[0]).toEqual({ set: 'rhythm (Doctor John Brown)', timeS: 0.332, code: 'MDC_ECG_WAVC_PEAK', description: 'MDC_ECG_WAVC_RWAVE', lead: 'I' });
    expect(reader[4]).toEqual({ set: 'rhythm (Doctor John Brown)', timeS: 1.068, endTimeS: 1.482, code: 'MDC_ECG_WAVC_QRSTWAVE', lead: 'II' });
    const median = record.annotations.filter((a) => a.set === 'median beat');
    expect(median.map((a) => [a.code, a.timeS, a.endTimeS])).toEqual([
      ['MDC_ECG_WAVC_PWAVE', 0.286, 0.388],
      ['MDC_ECG_WAVC_QRSWAVE', 0.434, 0.554],
      ['MDC_ECG_WAVC_TWAVE', 0.854, undefined],
    ]);
  });

  it('reads demographics, device, filters and the effective time (high inclusive="false")', () => {
    expect(record.patient).toEqual({ id: 'SBJ-123', familyName: 'Clark', birthDate: '1953-05-08', ageYears: 46, sex: 'M', race: 'RaceWhite' });
    expect(record.acquisition).toEqual({
      dateTime: '2002-11-22T09:10:00',
      manufacturer: 'Mortara Instrument, Inc.',
      device: 'ELI250',
      softwareVersion: '5.3',
      site: 'River City Clinic for the Cardiac Challenged',
      location: 'River City ECG Collection Service',
      lowPassHz: 150,
      notchHz: 60,
      comments: ['Subject felt dizzy 2 minutes prior to ECG collection'],
    });
    expect(record.warnings).toEqual([]);
  });
});

interface LeadSpec {
  code: string;
  digits: string;
  origin?: [string, string];
  scale?: [string, string];
}

/** A small aECG with one sequence set; `time` is the time sequence's <value> element. */
function aecg(time: string, leads: LeadSpec[], annotations = '', extra = ''): string {
  const sequences = leads
    .map(
      (lead) => `<component><sequence><code code="${lead.code}"/><value xsi:type="SLIST_PQ">
        <origin value="${lead.origin?.[0] ?? '0'}" unit="${lead.origin?.[1] ?? 'uV'}"/>
        <scale value="${lead.scale?.[0] ?? '1'}" unit="${lead.scale?.[1] ?? 'uV'}"/>
        <digits>${lead.digits}</digits></value></sequence></component>`
    )
    .join('');
  const timeCode = time.includes('GLIST_TS') ? 'TIME_ABSOLUTE' : 'TIME_RELATIVE';
  return `<?xml version="1.0" encoding="UTF-8"?>
<AnnotatedECG xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <effectiveTime><low value="20200101120000" inclusive="true"/><high value="20200101120010" inclusive="false"/></effectiveTime>
  ${extra}
  <component><series><code code="RHYTHM"/>
    <component><sequenceSet>
      <component><sequence><code code="${timeCode}"/>${time}</sequence></component>
      ${sequences}
    </sequenceSet></component>
    ${annotations}
  </series></component>
</AnnotatedECG>`;
}

const RELATIVE_250HZ = '<value xsi:type="GLIST_PQ"><head value="0" unit="ms"/><increment value="4" unit="ms"/></value>';

describe('HL7 aECG: written variants', () => {
  it('reads TIME_RELATIVE in ms, origin and scale in mV, and computes the missing limb leads', () => {
    const xml = aecg(RELATIVE_250HZ, [
      { code: 'MDC_ECG_LEAD_I', digits: '0 1 2 -3', origin: ['0.1', 'mV'], scale: ['0.005', 'mV'] },
      { code: 'MDC_ECG_LEAD_II', digits: '10 10 10 10', origin: ['0', 'mV'], scale: ['0.005', 'mV'] },
    ]);
    const record = hl7AecgParser.parse(memory('relative.xml', xml));
    expect(record.rhythm.sampleRateHz).toBe(250);
    expect(record.rhythm.leads.map((l) => `${l.name}${l.derived ? '*' : ''}`)).toEqual(['I', 'II', 'III*', 'aVR*', 'aVL*', 'aVF*']);
    expect(Array.from(samples(record.rhythm, 'I'))).toEqual([100, 105, 110, 85]);
    expect(record.rhythm.leads[0].resolutionUv).toBe(5);
    expect(Array.from(samples(record.rhythm, 'III'))).toEqual([-50, -55, -60, -35]);
    expect(record.medianBeats).toBeUndefined();
    expect(record.acquisition.dateTime).toBe('2020-01-01T12:00:00');
  });

  it('reads a UTF-16LE document with a byte-order mark', () => {
    const xml = aecg(RELATIVE_250HZ, [{ code: 'MDC_ECG_LEAD_V3R', digits: '7 8' }]).replace('UTF-8', 'UTF-16');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    expect(hl7AecgParser.sniff(memory('u16.xml', utf16))).toBe(true);
    const record = hl7AecgParser.parse(memory('u16.xml', utf16));
    expect(record.rhythm.leads.map((l) => [l.name, Array.from(l.samplesUv)])).toEqual([['V3R', [7, 8]]]);
  });

  it('reads interpretation text, heart rate and a per-lead measurement', () => {
    const annotations = `<subjectOf><annotationSet>
      <author><assignedEntity><assignedAuthorType><assignedPerson><name><given>Ann</given><family>Lee</family></name></assignedPerson></assignedAuthorType></assignedEntity></author>
      <component><annotation><code code="MDC_ECG_INTERPRETATION_STATEMENT"/><value xsi:type="ST">Left axis deviation</value></annotation></component>
      <component><annotation><code code="MDC_ECG_HEART_RATE"/><value xsi:type="PQ" value="72" unit="/min"/></annotation></component>
      <component><annotation><code code="MDC_ECG_TIME_PD_QT"/><value xsi:type="PQ" value="0.4" unit="s"/></annotation></component>
      <component><annotation><code code="MDC_ECG_AMPL_R"/><value xsi:type="PQ" value="850" unit="uV"/>
        <support><supportingROI><component><boundary><code code="MDC_ECG_LEAD_V5"/></boundary></component></supportingROI></support>
      </annotation></component>
    </annotationSet></subjectOf>`;
    const xml = aecg(RELATIVE_250HZ, [{ code: 'MDC_ECG_LEAD_I', digits: '1 2 3' }], annotations);
    const record = hl7AecgParser.parse(memory('statements.xml', xml));
    expect(record.statements).toEqual([{ text: 'Left axis deviation', source: 'physician' }]);
    expect(record.measurements).toEqual([
      { name: 'heartRateBpm', value: 72, unit: 'bpm', sourceLabel: 'MDC_ECG_HEART_RATE' },
      { name: 'qtMs', value: 400, unit: 'ms', sourceLabel: 'MDC_ECG_TIME_PD_QT' },
      { name: 'MDC_ECG_AMPL_R', value: 850, unit: 'uV', sourceLabel: 'MDC_ECG_AMPL_R', lead: 'V5' },
    ]);
  });
});

describe('HL7 aECG: bad input', () => {
  const realText = readFileSync(REAL_FILE, 'utf8');

  it('rejects XML that is not an aECG (a GE MUSE file), naming its root', () => {
    const muse = readFileSync(sharedPath('ecg/muse_xml/muse_ecg1.xml'));
    expect(parseError(muse, 'muse_ecg1.xml').problem).toBe(
      'XML document is not an HL7 aECG (root element <RestingECG>, expected <AnnotatedECG>)'
    );
  });

  it('rejects a truncated aECG as malformed XML', () => {
    expect(parseError(realText.slice(0, 200_000)).problem).toMatch(/^not well-formed XML/);
  });

  it('rejects random bytes', () => {
    let seed = 11;
    const random = Uint8Array.from({ length: 2048 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect(parseError(random).problem).toMatch(/^not well-formed XML/);
  });

  it('rejects a lead whose length disagrees with the others', () => {
    // Drop the first three samples of V3 in the rhythm set.
    const shortened = realText.replace(
      /(<code code="MDC_ECG_LEAD_V3"[\s\S]*?<digits>)\s*(\S+\s+){3}/,
      '$1'
    );
    expect(parseError(shortened).problem).toBe('rhythm series: lead V3 has 4997 samples but lead I has 5000');
  });

  it('rejects non-numeric digits, a missing time sequence and a non-voltage unit', () => {
    expect(parseError(aecg(RELATIVE_250HZ, [{ code: 'MDC_ECG_LEAD_I', digits: '1 x 3' }])).problem).toBe(
      'rhythm series: lead I has a non-numeric sample "x" at position 2'
    );
    const noTime = aecg(RELATIVE_250HZ, [{ code: 'MDC_ECG_LEAD_I', digits: '1' }]).replace(/<component><sequence><code code="TIME_RELATIVE"\/>.*?<\/sequence><\/component>/s, '');
    expect(parseError(noTime).problem).toBe('rhythm series: has no TIME_ABSOLUTE or TIME_RELATIVE sequence');
    const pressure = aecg(RELATIVE_250HZ, [{ code: 'MDC_ECG_LEAD_I', digits: '1', scale: ['1', 'mm[Hg]'] }]);
    expect(parseError(pressure).problem).toBe('rhythm series: lead I is in "mm[Hg]", not a voltage unit');
  });
});
