/**
 * Validation of our measurements against cardiologists' annotations (issue 6):
 * LUDB records 1–150 (all, the 1–100 that tuned the P and T parameters, the held-out 101–150) and
 * the QTDB subset as external validation (delineation, intervals, detection), MIT-BIH 100
 * (detection), and the time to measure one 10-s 500 Hz 12-lead record.
 * Run: node --import tsx bench/measurements.ts  → bench/results/measurements.{json,md}.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSource } from '../src/main/core/formats/file-source.ts';
import { parseEcg } from '../src/main/core/formats/registry.ts';
import { parseWfdbAnnotations, type WfdbAnnotation } from '../src/main/core/formats/wfdb/annotations.ts';
import type { EcgRecord, EcgWaveformSet } from '../src/shared/ecg/record.ts';
import { measureRecord } from '../src/shared/measurements/measure-record.ts';
import type { BeatMeasurement, Measurements } from '../src/shared/measurements/types.ts';
import { machineLine } from './bench-table.ts';
import { annotatedSpan, medianOf, referenceBeatsFromLeads, type ReferenceBeat } from './measurements-reference.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED = resolve(HERE, '../../shared');
const LUDB = join(SHARED, 'refdata/ludb/lobachevsky-university-electrocardiography-database-1.0.1/data');
const QTDB = join(SHARED, 'refdata/qtdb/qtdb');
const MITDB_100 = join(SHARED, 'ecg/wfdb/mitdb/100');
const LUDB_LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const MATCH_TOLERANCE_S = 0.15;
const MIT_BEAT_CODES = new Set('NLRBAaJSVrFejnE/fQ?'.split(''));

interface Detection {
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
}

type Fiducial = 'pOnset' | 'qrsOnset' | 'qrsOffset' | 'tOffset' | 'pr' | 'qrs' | 'qt';
const FIDUCIALS: readonly Fiducial[] = ['pOnset', 'qrsOnset', 'qrsOffset', 'tOffset', 'pr', 'qrs', 'qt'];

class ErrorCollector {
  readonly errorsMs = new Map<Fiducial, number[]>(FIDUCIALS.map((f) => [f, []]));
  add(f: Fiducial, oursS: number | undefined, referenceS: number | undefined): void {
    if (oursS !== undefined && referenceS !== undefined) this.errorsMs.get(f)?.push((oursS - referenceS) * 1000);
  }
  merge(other: ErrorCollector): void {
    for (const f of FIDUCIALS) this.errorsMs.get(f)?.push(...(other.errorsMs.get(f) ?? []));
  }
  summary() {
    return Object.fromEntries(
FIDUCIALS.map((f) => [f, meanSd(this.errorsMs.get(f) ?? [])]));
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

type GlobalInterval = 'pr' | 'qrs' | 'qt';
const GLOBAL_INTERVALS: readonly GlobalInterval[] = ['pr', 'qrs', 'qt'];

/**
 * The standard's way: one global value per ECG (ours from the median beat) against the record's
 * reference, here the median of the experts' per-beat intervals. Differences in ms.
 */
class GlobalCollector {
  readonly errorsMs = new Map<GlobalInterval, number[]>(GLOBAL_INTERVALS.map((f) => [f, []]));
  addRecord(m: Measurements, reference: readonly ReferenceBeat[], sampleRateHz: number): void {
    const intervalMs = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : ((b - a) * 1000) / sampleRateHz);
    const referenceMs = (from: keyof ReferenceBeat, to: keyof ReferenceBeat) =>
      medianOf(reference.flatMap((r) => intervalMs(r[from], r[to]) ?? []));
    const add = (f: GlobalInterval, ours: number | undefined, ref: number | undefined) => {
      if (ours !== undefined && ref !== undefined) this.errorsMs.get(f)?.push(ours - ref);
    };
    add('pr', m.prMs, referenceMs('pOnset', 'qrsOnset'));
    add('qrs', m.qrsMs, referenceMs('qrsOnset', 'qrsOffset'));
    add('qt', m.qtMs, referenceMs('qrsOnset', 'tOffset'));
  }
  merge(other: GlobalCollector): void {
    for (const f of GLOBAL_INTERVALS) this.errorsMs.get(f)?.push(...(other.errorsMs.get(f) ?? []));
  }
  summary() {
    return Object.fromEntries(GLOBAL_INTERVALS.map((f) => [f, meanSd(this.errorsMs.get(f) ?? [])])) as Record<GlobalInterval, ReturnType<typeof meanSd>>;
  }
}

/**
 * The experts' own beat-to-beat scatter: each per-beat reference interval minus the mean of its ECG.
 * A delineator that gives every beat of an ECG the same interval cannot score a per-beat SD below it.
 */
class ReferenceScatter {
  readonly residualsMs = new Map<GlobalInterval, number[]>(GLOBAL_INTERVALS.map((f) => [f, []]));
  addRecord(reference: readonly ReferenceBeat[], sampleRateHz: number): void {
    const spans: Record<GlobalInterval, [keyof ReferenceBeat, keyof ReferenceBeat]> = { pr: ['pOnset', 'qrsOnset'], qrs: ['qrsOnset', 'qrsOffset'], qt: ['qrsOnset', 'tOffset'] };
    for (const f of GLOBAL_INTERVALS) {
      const [from, to] = spans[f];
      const values = reference.flatMap((r) => (r[from] === undefined || r[to] === undefined ? [] : [(((r[to] as number) - (r[from] as number)) * 1000) / sampleRateHz]));
      if (values.length < 2) continue;
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      this.residualsMs.get(f)?.push(...values.map((v) => v - mean));
    }
  }
  summary() {
    return Object.fromEntries(GLOBAL_INTERVALS.map((f) => [f, meanSd(this.residualsMs.get(f) ?? [])])) as Record<GlobalInterval, ReturnType<typeof meanSd>>;
  }
}

function meanSd(errorsMs: readonly number[]) {
  const mean = errorsMs.reduce((a, b) => a + b, 0) / (errorsMs.length || 1);
  const sd = Math.sqrt(errorsMs.reduce((a, b) => a + (b - mean) ** 2, 0) / (errorsMs.length || 1));
  return { count: errorsMs.length, meanMs: round1(mean), sdMs: round1(sd) };
}

function readAnnotations(path: string): WfdbAnnotation[] {
  return parseWfdbAnnotations(readFileSync(path), path);
}

/** Greedy nearest matching within the tolerance; detections outside [from, to] are not scored. */
function matchBeats(
  references: readonly number[],
  detections: readonly number[],
  toleranceS: number,
  span: { from: number; to: number }
): { detection: Detection; pairs: [number, number][] } {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  let falseNegatives = 0;
  references.forEach((r, ri) => {
    let best = -1;
    detections.forEach((d, di) => {
      if (used.has(di) || Math.abs(d - r) > toleranceS) return;
      if (best < 0 || Math.abs(d - r) < Math.abs(detections[best] - r)) best = di;
    });
    if (best < 0) falseNegatives++;
    else {
      used.add(best);
      pairs.push([ri, best]);
    }
  });
  const falsePositives = detections.filter((d, di) => !used.has(di) && d >= span.from - toleranceS && d <= span.to + toleranceS).length;
  return { detection: { truePositives: pairs.length, falseNegatives, falsePositives }, pairs };
}

function addDetection(total: Detection, d: Detection): void {
  total.truePositives += d.truePositives;
  total.falseNegatives += d.falseNegatives;
  total.falsePositives += d.falsePositives;
}

function scoreBeats(
  reference: readonly ReferenceBeat[],
  beats: readonly BeatMeasurement[],
  sampleRateHz: number,
  span: { from: number; to: number },
  offsetS: number,
  errors: ErrorCollector
): Detection {
  const s = (samples: number | undefined) => (samples === undefined ? undefined : samples / sampleRateHz);
  const { detection, pairs } = matchBeats(
    reference.map((r) => r.qrsPeak / sampleRateHz),
    beats.map((b) => b.rPeakS + offsetS),
    MATCH_TOLERANCE_S,
    { from: span.from / sampleRateHz, to: span.to / sampleRateHz }
  );
  for (const [ri, bi] of pairs) {
    const ref = reference[ri];
    const beat = beats[bi];
    const at = (t: number | undefined) => (t === undefined ? undefined : t + offsetS);
    errors.add('pOnset', at(beat.pOnsetS), s(ref.pOnset));
    errors.add('qrsOnset', at(beat.qrsOnsetS), s(ref.qrsOnset));
    errors.add('qrsOffset', at(beat.qrsOffsetS), s(ref.qrsOffset));
    errors.add('tOffset', at(beat.tOffsetS), s(ref.tOffset));
    const interval = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
    const refInterval = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : (b - a) / sampleRateHz);
    errors.add('pr', interval(beat.pOnsetS, beat.qrsOnsetS), refInterval(ref.pOnset, ref.qrsOnset));
    errors.add('qrs', interval(beat.qrsOnsetS, beat.qrsOffsetS), refInterval(ref.qrsOnset, ref.qrsOffset));
    errors.add('qt', interval(beat.qrsOnsetS, beat.tOffsetS), refInterval(ref.qrsOnset, ref.tOffset));
  }
  return detection;
}

function sliceSet(set: EcgWaveformSet, from: number, to: number): EcgWaveformSet {
  return { sampleRateHz: set.sampleRateHz, leads: set.leads.map((l) => ({ ...l, samplesUv: l.samplesUv.subarray(from, to) })) };
}

function readRecord(heaPath: string): EcgRecord {
  return parseEcg(fileSource(heaPath));
}

/** LUDB record ids whose cardiologists' description (ludb.csv) names cardiac pacing or a pacing mode (72: "P-synchrony" only). */
function pacedLudbRecords(): Set<string> {
  const csv = readFileSync(join(LUDB, '../ludb.csv'), 'utf8');
  // One row per record, each starting with its id and a quoted, multi-line sex field.
  const rows = csv.split(/\n(?=\d+,")/).slice(1);
  return new Set(rows.filter((row) => /pacing|P-synchrony/i.test(row)).map((row) => row.slice(0, row.indexOf(','))));
}

/** Records 1–100 tuned the P- and T-wave parameters; 101–150 are held out. */
const LUDB_TUNING_LAST = 100;

function benchLudb() {
  const groups = { all: new ErrorCollector(), tuning: new ErrorCollector(), heldOut: new ErrorCollector(), notPaced: new ErrorCollector() };
  const perRecord = { all: new GlobalCollector(), notPaced: new GlobalCollector() };
  const referenceScatter = new ReferenceScatter();
  const detection: Detection = { truePositives: 0, falseNegatives: 0, falsePositives: 0 };
  const pPresence = { agree: 0, referenceOnly: 0, oursOnly: 0 };
  const paced = pacedLudbRecords();
  const records = readFileSync(join(LUDB, '../RECORDS'), 'utf8').split(/\s+/).filter(Boolean).map((r) => r.replace(/^data\//, ''));
  for (const name of records) {
    const record = readRecord(join(LUDB, `${name}.hea`));
    const perLead = LUDB_LEADS.map((lead) => readAnnotations(join(LUDB, `${name}.${lead}`)));
    const reference = referenceBeatsFromLeads(perLead, record.rhythm.sampleRateHz);
    const span = annotatedSpan(perLead);
    const inSpan = reference.filter((r) => r.qrsPeak >= span.from && r.qrsPeak <= span.to);
    const m = measureRecord(record.rhythm, record.patient);
    const errors = new ErrorCollector();
    addDetection(detection, scoreBeats(inSpan, m.beats, record.rhythm.sampleRateHz, span, 0, errors));
    const split = Number(name) <= LUDB_TUNING_LAST ? groups.tuning : groups.heldOut;
    for (const collector of [groups.all, split, ...(paced.has(name) ? [] : [groups.notPaced])]) collector.merge(errors);
    referenceScatter.addRecord(inSpan, record.rhythm.sampleRateHz);
    const recordErrors = new GlobalCollector();
    recordErrors.addRecord(m, inSpan, record.rhythm.sampleRateHz);
    for (const collector of [perRecord.all, ...(paced.has(name) ? [] : [perRecord.notPaced])]) collector.merge(recordErrors);
    // P presence: the experts marked P in most beats, and we measured a PR.
    const referenceP = 2 * inSpan.filter((r) => r.pOnset !== undefined).length > inSpan.length;
    const oursP = m.prMs !== undefined;
    if (referenceP === oursP) pPresence.agree++;
    else if (referenceP) pPresence.referenceOnly++;
    else pPresence.oursOnly++;
  }
  return {
    records: records.length,
    pacedRecords: [...paced],
    detection,
    pPresence,
    errors: groups.all.summary(),
    tuningErrors: groups.tuning.summary(),
    heldOutErrors: groups.heldOut.summary(),
    notPacedErrors: groups.notPaced.summary(),
    perRecordErrors: perRecord.all.summary(),
    perRecordNotPacedErrors: perRecord.notPaced.summary(),
    referenceScatter: referenceScatter.summary(),
  };
}

/** Consecutive reference beats less than 3 s apart: the experts marked a few separate stretches. */
function stretches(reference: readonly ReferenceBeat[], sampleRateHz: number): ReferenceBeat[][] {
  const groups: ReferenceBeat[][] = [];
  for (const beat of reference) {
    const last = groups.at(-1);
    if (last && beat.qrsPeak - last[last.length - 1].qrsPeak < 3 * sampleRateHz) last.push(beat);
    else groups.push([beat]);
  }
  return groups;
}

function benchQtdb() {
  const errors = new ErrorCollector();
  const perWindow = new GlobalCollector();
  const referenceScatter = new ReferenceScatter();
  const detection: Detection = { truePositives: 0, falseNegatives: 0, falsePositives: 0 };
  // This subset holds 24 of the 105 records listed in RECORDS: take those with expert marks.
  const records = readdirSync(QTDB).filter((f) => f.endsWith('.q1c')).map((f) => f.slice(0, -4)).sort();
  const windowS = 10;
  let detectionRecords = 0;
  for (const name of records) {
    const record = readRecord(join(QTDB, `${name}.hea`));
    const fs = record.rhythm.sampleRateHz;
    const sampleCount = record.rhythm.leads[0].samplesUv.length;
    // Detection over the whole 15 min against the original beat labels (.atr), where the record has them.
    if (existsSync(join(QTDB, `${name}.atr`))) {
      detectionRecords++;
      const beats = readAnnotations(join(QTDB, `${name}.atr`)).filter((a) => MIT_BEAT_CODES.has(a.code)).map((a) => a.sample / fs);
      const whole = measureRecord(record.rhythm, record.patient);
      const span = { from: beats[0] ?? 0, to: beats.at(-1) ?? 0 };
      addDetection(detection, matchBeats(beats, whole.beats.map((b) => b.rPeakS), MATCH_TOLERANCE_S, span).detection);
    }
    // Delineation: 10-s windows over each stretch of expert-marked beats (.q1c).
    const reference = referenceBeatsFromLeads([readAnnotations(join(QTDB, `${name}.q1c`))], fs);
    for (const stretch of stretches(reference, fs)) {
      const first = stretch[0].qrsPeak;
      const last = stretch[stretch.length - 1].qrsPeak;
      for (let start = Math.max(0, first - fs); start < last; start += windowS * fs) {
        const end = Math.min(start + windowS * fs, sampleCount);
        const inWindow = stretch.filter((r) => r.qrsPeak >= start + 0.5 * fs && r.qrsPeak < end - 0.5 * fs);
        if (inWindow.length === 0) continue;
        const m = measureRecord(sliceSet(record.rhythm, start, end), record.patient);
        const span = { from: inWindow[0].qrsPeak, to: inWindow[inWindow.length - 1].qrsPeak };
        scoreBeats(inWindow, m.beats, fs, span, start / fs, errors);
        perWindow.addRecord(m, inWindow, fs);
        referenceScatter.addRecord(inWindow, fs);
      }
    }
  }
  return { records: records.length, detectionRecords, detection, errors: errors.summary(), perWindowErrors: perWindow.summary(), referenceScatter: referenceScatter.summary() };
}

function benchMitdb100() {
  const record = readRecord(`${MITDB_100}.hea`);
  const fs = record.rhythm.sampleRateHz;
  const reference = readAnnotations(`${MITDB_100}.atr`).filter((a) => MIT_BEAT_CODES.has(a.code)).map((a) => a.sample / fs);
  const m = measureRecord(record.rhythm, record.patient);
  const { detection } = matchBeats(reference, m.beats.map((b) => b.rPeakS), MATCH_TOLERANCE_S, { from: 0, to: Infinity });
  return { detection };
}

/**
 * Wall time, and the process's CPU time, which other jobs on a shared machine disturb far less.
 * The first call (cold: the JIT compiles as it goes) is reported apart; 100 warm-up calls then let
 * compilation settle, as it has after the first few records of an import.
 */
function benchTiming() {
  const record = readRecord(join(LUDB, '1.hea'));
  const coldStart = performance.now();
  measureRecord(record.rhythm, record.patient);
  const firstCallMs = performance.now() - coldStart;
  for (let i = 0; i < 100; i++) measureRecord(record.rhythm, record.patient);
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    measureRecord(record.rhythm, record.patient);
    wallMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const sorted = (x: number[]) => [...x].sort((a, b) => a - b);
  const wall = sorted(wallMs);
  const cpu = sorted(cpuMs);
  return { firstCallMs: round1(firstCallMs), medianMs: round1(wall[wall.length >> 1]), minMs: round1(wall[0]), maxMs: round1(wall[wall.length - 1]), cpuMedianMs: round1(cpu[cpu.length >> 1]) };
}

const percent = (part: number, whole: number) => Math.round((10000 * part) / whole) / 100;
const pct = (d: Detection) => ({
  sensitivityPct: percent(d.truePositives, d.truePositives + d.falseNegatives),
  ppvPct: percent(d.truePositives, d.truePositives + d.falsePositives),
});

const timing = benchTiming();
const ludb = benchLudb();
const qtdb = benchQtdb();
const mitdb = benchMitdb100();
const results = {
  generated: new Date().toISOString(),
  matchToleranceMs: MATCH_TOLERANCE_S * 1000,
  ludb: { ...ludb, ...pct(ludb.detection) },
  qtdb: { ...qtdb, ...pct(qtdb.detection) },
  mitdb100: { ...mitdb, ...pct(mitdb.detection) },
  timing10s500Hz12Lead: timing,
};
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results/measurements.json'), `${JSON.stringify(results, null, 2)}\n`);

const lines = [
  '| data set | QRS Se % | QRS PPV % | ' + FIDUCIALS.map((f) => `${f} mean±SD ms (n)`).join(' | ') + ' |',
  '|---|---|---|' + FIDUCIALS.map(() => '---').join('|') + '|',
];
type Errors = typeof results.ludb.errors;
const row = (name: string, errors: Errors, se = '', ppv = '') =>
  lines.push(`| ${name} | ${se} | ${ppv} | ` + FIDUCIALS.map((f) => `${errors[f].meanMs} ± ${errors[f].sdMs} (${errors[f].count})`).join(' | ') + ' |');
row(`LUDB all ${results.ludb.records}`, results.ludb.errors, String(results.ludb.sensitivityPct), String(results.ludb.ppvPct));
row(`LUDB 1–${LUDB_TUNING_LAST} (tuning)`, results.ludb.tuningErrors);
row(`LUDB ${LUDB_TUNING_LAST + 1}–${results.ludb.records} (held out)`, results.ludb.heldOutErrors);
row(`LUDB without the ${results.ludb.pacedRecords.length} paced records`, results.ludb.notPacedErrors);
row(`QTDB (${results.qtdb.records}; detection on the ${results.qtdb.detectionRecords} with .atr)`, results.qtdb.errors, String(results.qtdb.sensitivityPct), String(results.qtdb.ppvPct));
lines.push(`| MIT-BIH 100 | ${results.mitdb100.sensitivityPct} | ${results.mitdb100.ppvPct} |${FIDUCIALS.map(() => ' ').join('|')}|`);
type GlobalErrors = typeof results.ludb.perRecordErrors;
lines.push(
  '',
  'Global intervals, one value per ECG (ours from the median beat; reference: the median of the experts\' per-beat intervals), mean ± SD ms (n ECGs):',
  '',
  '| data set | PR | QRS | QT |',
  '|---|---|---|---|'
);
const globalRow = (name: string, errors: GlobalErrors) =>
  lines.push(`| ${name} | ` + GLOBAL_INTERVALS.map((f) => `${errors[f].meanMs} ± ${errors[f].sdMs} (${errors[f].count})`).join(' | ') + ' |');
globalRow(`LUDB all ${results.ludb.records}`, results.ludb.perRecordErrors);
globalRow(`LUDB without the ${results.ludb.pacedRecords.length} paced records`, results.ludb.perRecordNotPacedErrors);
globalRow('QTDB, each 10-s window', results.qtdb.perWindowErrors);
globalRow('LUDB: the experts\' own beat-to-beat scatter within an ECG', results.ludb.referenceScatter);
globalRow('QTDB: the experts\' own beat-to-beat scatter within a window', results.qtdb.referenceScatter);
const p = results.ludb.pPresence;
lines.push(
  '',
  `P wave present or absent as the experts marked it: ${p.agree} of ${results.ludb.records} LUDB records (${p.referenceOnly} missed, ${p.oursOnly} claimed where they marked none).`,
  `Time to measure one 10-s 500 Hz 12-lead record (LUDB 1, 50 runs): wall median ${timing.medianMs} ms (min ${timing.minMs}, max ${timing.maxMs}), CPU median ${timing.cpuMedianMs} ms, first (cold) call ${timing.firstCallMs} ms, on ${machineLine()}, load average ${loadavg()[0].toFixed(1)}.`
);
writeFileSync(join(HERE, 'results/measurements.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
