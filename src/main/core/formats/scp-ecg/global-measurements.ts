/**
 * Section 7: the device's global measurements of the dominant (type 0) reference beat, the average
 * RR/PP intervals and, where present, ventricular rate and QTc.
 */
import type { SourceMeasurement } from '../../../../shared/ecg/record.ts';
import type { ByteReader } from './byte-reader.ts';

const BEAT_MEASUREMENT_BYTES = 16;
const PACEMAKER_SPIKE_BYTES = 4;
const PACEMAKER_INFO_BYTES = 6;
const AXIS_UNDEFINED = 999;

/** EN 1064 codes 29999 (not computed), 29998 (rejected) and 19999 (wave absent) are not values. */
function isMeasured(value: number): boolean {
  return value !== 29999 && value !== 29998 && value !== 19999;
}

function interval(name: string, sourceLabel: string, from: number, to: number): SourceMeasurement | undefined {
  if (!isMeasured(from) || !isMeasured(to) || to <= from) return undefined;
  return { name, value: to - from, unit: 'ms', sourceLabel };
}

function positive(name: string, sourceLabel: string, value: number, unit: string): SourceMeasurement | undefined {
  return isMeasured(value) && value > 0 ? { name, value, unit, sourceLabel } : undefined;
}

function axis(name: string, sourceLabel: string, value: number): SourceMeasurement | undefined {
  return value !== AXIS_UNDEFINED && isMeasured(value) && Math.abs(value) <= 360
    ? { name, value, unit: 'deg', sourceLabel }
    : undefined;
}

export function readGlobalMeasurements(body: ByteReader): SourceMeasurement[] {
  const beatTypeCount = body.u8(0, 'number of reference beat types');
  const spikeCount = body.u8(1, 'number of pacemaker spikes');
  const found: (SourceMeasurement | undefined)[] = [
    positive('rrMs', 'average RR interval', body.u16(2, 'average RR interval'), 'ms'),
    positive('ppMs', 'average PP interval', body.u16(4, 'average PP interval'), 'ms'),
  ];
  if (beatTypeCount > 0) {
    const pOnset = body.u16(6, 'P onset');
    const pOffset = body.u16(8, 'P offset');
    const qrsOnset = body.u16(10, 'QRS onset');
    const qrsOffset = body.u16(12, 'QRS offset');
    const tOffset = body.u16(14, 'T offset');
    found.push(
      interval('pDurationMs', 'P onset to P offset', pOnset, pOffset),
      interval('prMs', 'P onset to QRS onset', pOnset, qrsOnset),
      interval('qrsMs', 'QRS onset to QRS offset', qrsOnset, qrsOffset),
      interval('qtMs', 'QRS onset to T offset', qrsOnset, tOffset),
      axis('pAxisDeg', 'P axis', body.i16(16, 'P axis')),
      axis('qrsAxisDeg', 'QRS axis', body.i16(18, 'QRS axis')),
      axis('tAxisDeg', 'T axis', body.i16(20, 'T axis'))
    );
  }
  // The optional tail: pacemaker spikes, QRS types, then ventricular rate, atrial rate and QTc.
  let offset = 6 + beatTypeCount * BEAT_MEASUREMENT_BYTES + spikeCount * (PACEMAKER_SPIKE_BYTES + PACEMAKER_INFO_BYTES);
  if (body.has(offset, 2)) {
    const qrsCount = body.u16(offset, 'number of QRS complexes');
    offset += 2 + qrsCount;
    if (body.has(offset, 6)) {
      found.push(
        positive('heartRateBpm', 'ventricular rate', body.u16(offset, 'ventricular rate'), 'bpm'),
        positive('atrialRateBpm', 'atrial rate', body.u16(offset + 2, 'atrial rate'), 'bpm'),
        positive('qtcMs', 'QTc', body.u16(offset + 4, 'QTc'), 'ms')
      );
    }
  }
  return found.filter((m): m is SourceMeasurement => m !== undefined);
}
