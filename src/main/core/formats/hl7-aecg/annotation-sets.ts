/**
 * aECG annotationSets → statements (rhythm and interpretation codes, free text), global or
 * per-lead measurements (PQ values), and time-located annotations (waves, beats, peaks), each set
 * kept apart under its own name.
 */
import type {
  SourceAnnotation,
  SourceMeasurement,
  SourceStatement,
  StatementSource,
} from '../../../../shared/ecg/record.ts';
import { canonicalLeadName } from '../../../../shared/ecg/leads.ts';
import { unitFactor, WELL_KNOWN_MEASUREMENTS } from '../dicom/measurement-codes.ts';
import { parseTs, roundSeconds, secondsPerTimeUnit } from './hl7-time.ts';
import { attribute, child, children, descend, textOf, type XmlElement } from './xml-element.ts';

export interface AnnotationFindings {
  statements: SourceStatement[];
  measurements: SourceMeasurement[];
  annotations: SourceAnnotation[];
  warnings: string[];
}

export interface SeriesContext {
  /** "rhythm" or "median beat". */
  setBaseName: string;
  /** Epoch seconds of the series' first sample, for TIME_ABSOLUTE boundaries. */
  startEpochS?: number;
}

interface RegionOfInterest {
  startS?: number;
  endS?: number;
  /** True for an interval boundary (IVL_TS, IVL_PQ), false for a single time point. */
  interval?: boolean;
  lead?: string;
}

/** A person's name given as text or as <given>/<family> parts. */
export function personName(name: XmlElement | undefined): string | undefined {
  const parts = [...children(name, 'prefix'), ...children(name, 'given'), ...children(name, 'family')]
    .map((part) => textOf(part))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : textOf(name);
}

function authorOf(annotationSet: XmlElement): { label?: string; source: StatementSource } {
  const authorType = descend(annotationSet, 'author', 'assignedEntity', 'assignedAuthorType');
  const device = child(authorType, 'assignedDevice');
  if (device) return { label: textOf(child(device, 'manufacturerModelName')), source: 'device' };
  const person = child(authorType, 'assignedPerson');
  if (person) return { label: personName(child(person, 'name')), source: 'physician' };
  return { source: 'source' };
}

function isStatementCode(code: string): boolean {
  return code.startsWith('MDC_ECG_RHY') || code.includes('INTERPRETATION') || code.includes('STATEMENT');
}

export class AnnotationReader {
  readonly findings: AnnotationFindings = { statements: [], measurements: [], annotations: [], warnings: [] };
  private readonly setNames = new Set<string>();

  read(annotationSet: XmlElement, series: SeriesContext): void {
    const author = authorOf(annotationSet);
    const set = this.uniqueSetName(author.label ? `${series.setBaseName} (${author.label})` : series.setBaseName);
    for (const annotation of children(annotationSet, 'component').flatMap((c) => children(c, 'annotation'))) {
      this.visit(annotation, { set, series, source: author.source, nested: false });
    }
  }

  private uniqueSetName(name: string): string {
    let unique = name;
    for (let n = 2; this.setNames.has(unique); n++) unique = `${name} #${n}`;
    this.setNames.add(unique);
    return unique;
  }

  private visit(
    annotation: XmlElement,
    where: { set: string; series: SeriesContext; source: StatementSource; nested: boolean; container?: string }
  ): void {
    const code = attribute(child(annotation, 'code'), 'code') ?? '';
    const value = child(annotation, 'value');
    const type = attribute(value, 'type');
    const valueCode = attribute(value, 'code');
    const displayName = attribute(value, 'displayName');
    const roi = this.regionOf(annotation, where.series, where.set);

    if (type === 'PQ') {
      // Per-beat numbers repeat the global ones beat by beat; only set-level or per-lead ones are kept.
      if (!where.nested || roi?.lead) this.addMeasurement(code, value, roi?.lead);
    } else if (type === 'ST') {
      const text = textOf(value);
      if (text) this.addStatement({ text, source: where.source });
    } else if (valueCode && isStatementCode(code)) {
      const codeSystem = attribute(value, 'codeSystemName') ?? attribute(value, 'codeSystem');
      this.addStatement({ text: displayName ?? valueCode, source: where.source, code: valueCode, ...(codeSystem ? { codeSystem } : {}) });
    }

    const hasTime = roi && (roi.startS !== undefined || roi.endS !== undefined);
    if (hasTime && type !== 'PQ') {
      const description = [
        displayName,
        where.container,
        roi.interval && roi.startS === undefined ? 'end only' : undefined,
        roi.interval && roi.endS === undefined ? 'start only' : undefined,
      ].filter((part): part is string => part !== undefined);
      this.findings.annotations.push({
        set: where.set,
        timeS: roi.startS ?? roi.endS ?? 0,
        ...(roi.startS !== undefined && roi.endS !== undefined ? { endTimeS: roi.endS } : {}),
        code: valueCode ?? code,
        ...(description.length > 0 ? { description: description.join(', ') } : {}),
        ...(roi.lead ? { lead: roi.lead } : {}),
      });
    }

    for (const inner of children(annotation, 'component').flatMap((c) => children(c, 'annotation'))) {
      this.visit(inner, { ...where, nested: true, container: hasTime ? undefined : (valueCode ?? where.container) });
    }
  }

  private addStatement(statement: SourceStatement): void {
    if (!this.findings.statements.some((s) => s.text === statement.text)) this.findings.statements.push(statement);
  }

  private addMeasurement(code: string, value: XmlElement | undefined, lead: string | undefined): void {
    const number = Number(attribute(value, 'value'));
    if (!code || !Number.isFinite(number)) return;
    const unit = attribute(value, 'unit') ?? '';
    const wellKnown = WELL_KNOWN_MEASUREMENTS.get(code);
    const factor = wellKnown ? unitFactor(unit, wellKnown.unit) : undefined;
    const measurement: SourceMeasurement =
      wellKnown && factor !== undefined
        ? { name: wellKnown.name, value: number * factor, unit: wellKnown.unit, sourceLabel: code }
        : { name: code, value: number, unit, sourceLabel: code };
    if (lead) measurement.lead = lead;
    const duplicate = this.findings.measurements.some((m) => m.name === measurement.name && m.lead === measurement.lead);
    if (!duplicate) this.findings.measurements.push(measurement);
  }

  /** A point (TS, PQ) or an interval (IVL_TS, IVL_PQ) whose ends may each be missing. */
  private timeBoundary(
    value: XmlElement | undefined,
    toSeconds: (element: XmlElement | undefined) => number | undefined
  ): Pick<RegionOfInterest, 'startS' | 'endS' | 'interval'> {
    const type = attribute(value, 'type') ?? '';
    if (!type.startsWith('IVL_')) return { startS: toSeconds(value), interval: false };
    return { startS: toSeconds(child(value, 'low')), endS: toSeconds(child(value, 'high')), interval: true };
  }

  /** The supporting ROI: its time boundary (absolute or relative) and its lead, if any. */
  private regionOf(annotation: XmlElement, series: SeriesContext, set: string): RegionOfInterest | undefined {
    const boundaries = children(annotation, 'support')
      .flatMap((s) => children(s, 'supportingROI'))
      .flatMap((roi) => children(roi, 'component'))
      .flatMap((c) => children(c, 'boundary'));
    if (boundaries.length === 0) return undefined;
    const region: RegionOfInterest = {};
    for (const boundary of boundaries) {
      const code = attribute(child(boundary, 'code'), 'code') ?? '';
      const value = child(boundary, 'value');
      if (code === 'TIME_ABSOLUTE') {
        if (series.startEpochS === undefined) {
          this.findings.warnings.push(`${set}: an absolute-time annotation in a series without an absolute start was skipped`);
          continue;
        }
        const startEpochS = series.startEpochS;
        const toSeconds = (ts: string | undefined) => {
          const parsed = parseTs(ts);
          return parsed ? roundSeconds(parsed.epochS - startEpochS) : undefined;
        };
        Object.assign(region, this.timeBoundary(value, (element) => toSeconds(attribute(element, 'value'))));
      } else if (code === 'TIME_RELATIVE') {
        const toSeconds = (element: XmlElement | undefined) => {
          const amount = Number(attribute(element, 'value'));
          const perUnit = secondsPerTimeUnit(attribute(element, 'unit'));
          return attribute(element, 'value') !== undefined && Number.isFinite(amount) && perUnit !== undefined
            ? roundSeconds(amount * perUnit)
            : undefined;
        };
        Object.assign(region, this.timeBoundary(value, toSeconds));
      } else if (code.startsWith('MDC_ECG_LEAD_')) {
        region.lead = canonicalLeadName(code);
      }
    }
    return region;
  }
}
