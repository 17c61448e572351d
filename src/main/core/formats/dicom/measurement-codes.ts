/**
 * Well-known global ECG measurements by DICOM concept code value (SCP-ECG, LOINC and MDC codes used
 * in WaveformAnnotationSequence), with the unit the record model's name implies.
 */
export interface WellKnownMeasurement {
  name: string;
  unit: 'ms' | 'deg' | 'bpm';
}

const HEART_RATE: WellKnownMeasurement = { name: 'heartRateBpm', unit: 'bpm' };
const RR: WellKnownMeasurement = { name: 'rrMs', unit: 'ms' };
const PR: WellKnownMeasurement = { name: 'prMs', unit: 'ms' };
const P_DURATION: WellKnownMeasurement = { name: 'pDurationMs', unit: 'ms' };
const QRS: WellKnownMeasurement = { name: 'qrsMs', unit: 'ms' };
const QT: WellKnownMeasurement = { name: 'qtMs', unit: 'ms' };
const QTC: WellKnownMeasurement = { name: 'qtcMs', unit: 'ms' };
const P_AXIS: WellKnownMeasurement = { name: 'pAxisDeg', unit: 'deg' };
const QRS_AXIS: WellKnownMeasurement = { name: 'qrsAxisDeg', unit: 'deg' };
const T_AXIS: WellKnownMeasurement = { name: 'tAxisDeg', unit: 'deg' };

export const WELL_KNOWN_MEASUREMENTS: ReadonlyMap<string, WellKnownMeasurement> = new Map([
  // SCP-ECG (SCPECG coding scheme), as written by Mortara and others.
  ['5.10.2.1-3', RR],
  ['5.13.5-7', PR],
  ['5.13.5-9', QRS],
  ['5.13.5-11', QT],
  ['5.10.2.5-5', QTC],
  ['5.10.3-11', P_AXIS],
  ['5.10.3-13', QRS_AXIS],
  ['5.10.3-15', T_AXIS],
  // LOINC.
  ['8867-4', HEART_RATE],
  ['8625-6', PR],
  ['8633-0', QRS],
  ['8634-8', QT],
  ['8636-3', QTC],
  ['8626-4', P_AXIS],
  ['8632-2', QRS_AXIS],
  ['8638-9', T_AXIS],
  // MDC (ISO/IEEE 11073-10101), partition 2.
  ['2:16770', HEART_RATE],
  ['147842', HEART_RATE],
  ['MDC_ECG_HEART_RATE', HEART_RATE],
  ['MDC_ECG_TIME_PD_RR_GL', RR],
  ['MDC_ECG_TIME_PD_PR', PR],
  ['MDC_ECG_TIME_PD_P', P_DURATION],
  ['MDC_ECG_TIME_PD_QRS', QRS],
  ['MDC_ECG_TIME_PD_QT', QT],
  ['MDC_ECG_TIME_PD_QTc', QTC],
  ['MDC_ECG_ANGLE_P_FRONT', P_AXIS],
  ['MDC_ECG_ANGLE_QRS_FRONT', QRS_AXIS],
  ['MDC_ECG_ANGLE_T_FRONT', T_AXIS],
]);

/** Factor from a source unit to the well-known unit, or undefined when they are not the same kind. */
export function unitFactor(sourceUnit: string, wellKnownUnit: WellKnownMeasurement['unit']): number | undefined {
  const unit = sourceUnit.trim().toLowerCase();
  switch (wellKnownUnit) {
    case 'ms':
      return unit === 'ms' ? 1 : unit === 's' ? 1000 : undefined;
    case 'deg':
      return unit === 'deg' || unit === '°' || unit === 'degrees' ? 1 : undefined;
    case 'bpm':
      return ['/min', '{beats}/min', 'bpm', '1/min', '{h.b}/min'].includes(unit) ? 1 : undefined;
  }
}
