/** `ecg-desk measure FILE`: our own measurements of an ECG file (intervals, axes, per-lead values, statements). */
import { fileSource } from '../../core/formats/file-source.ts';
import { parseEcg } from '../../core/formats/registry.ts';
import { measureRecord } from '../../../shared/measurements/measure-record.ts';
import type { Measurements, QtcFormula } from '../../../shared/measurements/types.ts';
import { ECG_FILE_OPTIONS, ECG_FILE_USAGE, ecgFileParseOptions, parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_OK, UsageError, type CliCommand } from '../cli-command.ts';
import { reportInputFailure } from '../input-failure.ts';

const QTC_FORMULAS: readonly QtcFormula[] = ['bazett', 'fridericia', 'framingham', 'hodges'];

/** Times to the millisecond; the median beat's samples are left out (they belong to the viewer, not the CLI). */
function jsonView(file: string, m: Measurements) {
  const seconds = (t: number | undefined) => (t === undefined ? undefined : Math.round(t * 1000) / 1000);
  return {
    file,
    provenance: m.provenance,
    heartRateBpm: m.heartRateBpm,
    rrMs: m.rrMs,
    prMs: m.prMs,
    pDurationMs: m.pDurationMs,
    qrsMs: m.qrsMs,
    qtMs: m.qtMs,
    qtcMs: m.qtcMs,
    axesDeg: m.axesDeg,
    beats: m.beats.map((b) => ({
      rPeakS: seconds(b.rPeakS),
      type: b.type,
      pOnsetS: seconds(b.pOnsetS),
      pOffsetS: seconds(b.pOffsetS),
      qrsOnsetS: seconds(b.qrsOnsetS),
      qrsOffsetS: seconds(b.qrsOffsetS),
      tPeakS: seconds(b.tPeakS),
      tOffsetS: seconds(b.tOffsetS),
    })),
    rr: { ...m.rr, intervalsMs: m.rr.intervalsMs.map((rr) => Math.round(rr)) },
    leads: m.leads,
    medianBeat: m.medianBeat && {
      rPeakS: seconds(m.medianBeat.rPeakS),
      beatCount: m.medianBeat.beatCount,
      fiducials: Object.fromEntries(Object.entries(m.medianBeat.fiducials).map(([k, v]) => [k, seconds(v)])),
    },
    statements: m.statements,
    quality: m.quality,
    absent: m.absent,
  };
}

function textView(file: string, m: Measurements, qtcFormula: QtcFormula): string {
  const value = (v: number | undefined, unit: string) => (v === undefined ? '—' : `${v} ${unit}`);
  const lines = [
    `${file}: measured (computed by ECG Desk)`,
    `  heart rate ${value(m.heartRateBpm, 'bpm')}, PR ${value(m.prMs, 'ms')}, QRS ${value(m.qrsMs, 'ms')}, QT ${value(m.qtMs, 'ms')}, QTc (${qtcFormula}) ${value(m.qtcMs[qtcFormula], 'ms')}`,
    `  axes P ${value(m.axesDeg.p, '°')}, QRS ${value(m.axesDeg.qrs, '°')}, T ${value(m.axesDeg.t, '°')}; ${m.beats.length} beats`,
    ...m.statements.map((s) => `  * ${s.text} [${s.rule}]`),
    ...m.quality.map((q) => `  ! ${q.lead}: ${q.problem} (${q.detail})`),
  ];
  return `${lines.join('\n')}\n`;
}

export const measureCommand: CliCommand = {
  name: ['measure'],
  usage: `measure FILE [--json] [--qtc bazett|fridericia|framingham|hodges] ${ECG_FILE_USAGE}`,
  summary: 'measure heart rate, PR, QRS, QT/QTc, axes, per-lead amplitudes and ST, with classical statements',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { qtc: { type: 'string' }, ...ECG_FILE_OPTIONS },
      { min: 1, max: 1, names: 'FILE' }
    );
    const qtcFormula = (values.qtc ?? 'bazett') as QtcFormula;
    if (!QTC_FORMULAS.includes(qtcFormula)) throw new UsageError(`--qtc must be one of ${QTC_FORMULAS.join(', ')}, got '${values.qtc}'`);
    const file = positionals[0];
    try {
      const record = parseEcg(fileSource(file), ecgFileParseOptions(values));
      const m = measureRecord(record.rhythm, record.patient, { qtcFormula });
      if (values.json) writeJson(io, jsonView(file, m));
      else io.stdout(textView(file, m, qtcFormula));
      return EXIT_OK;
    } catch (error) {
      return reportInputFailure(error, 'measure', file, io, values.json);
    }
  },
};
