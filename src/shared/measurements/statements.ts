/**
 * Classical interpretive statements from our own numbers, each with the rule and the values that
 * made it fire. Thresholds follow the AHA/ACCF/HRS 2009 recommendations unless noted.
 */
import type { PatientContext } from './measure-record.ts';
import { PACING_SPIKE_CRITERION } from './pacing-spikes.ts';
import { stElevationPairs } from './st-elevation.ts';
import type { Measurements, QtcFormula, Statement } from './types.ts';

const PROLONGED_QTC_MS = { M: 450, F: 460 } as const;
const SHORT_QTC_MS = 390;
const SOKOLOW_LYON_UV = 3500;
const CORNELL_UV = { M: 2800, F: 2000 } as const;

/** Amplitude of a wave that the lead may not show (an absent wave counts as 0 µV for voltage sums). */
function depth(value: number | undefined): number {
  return Math.abs(value ?? 0);
}

export function classicalStatements(m: Measurements, patient: PatientContext, qtcFormula: QtcFormula = 'bazett'): Statement[] {
  const statements: Statement[] = [];
  const hr = m.heartRateBpm;
  const lead = (name: string) => m.leads[name];
  const irregular = m.rr.regularity === 'irregular';
  const pPresent = m.prMs !== undefined;
  const leadIIP = lead('II')?.pAmplitudeUv;
  const sinus = pPresent && !irregular && (leadIIP === undefined || leadIIP > 0) && m.prMs !== undefined && m.prMs >= 80;
  if (hr !== undefined) {
    if (sinus) {
      const pRule = `P wave before every QRS (PR ${m.prMs} ms)${leadIIP !== undefined ? `, upright in II (${leadIIP} µV)` : ''}, regular rhythm`;
      if (hr < 60) statements.push({ text: 'Sinus bradycardia', rule: `${pRule}; rate ${hr} bpm < 60` });
      else if (hr > 100) statements.push({ text: 'Sinus tachycardia', rule: `${pRule}; rate ${hr} bpm > 100` });
      else statements.push({ text: 'Sinus rhythm', rule: `${pRule}; rate ${hr} bpm in 60–100` });
    } else {
      if (hr < 60) statements.push({ text: 'Bradycardia', rule: `ventricular rate ${hr} bpm < 60` });
      if (hr > 100) statements.push({ text: 'Tachycardia', rule: `ventricular rate ${hr} bpm > 100` });
    }
  }
  if (irregular && !pPresent && m.rr.rmssdMs !== undefined && m.rr.meanMs !== undefined) {
    statements.push({
      text: 'Irregular rhythm, suggestive of atrial fibrillation',
      rule: `RR irregular (RMSSD ${Math.round(m.rr.rmssdMs)} ms = ${Math.round((100 * m.rr.rmssdMs) / m.rr.meanMs)} % of mean RR > 10 %) with no P wave in the median beat`,
    });
  }
  if (sinus && m.prMs !== undefined && m.prMs > 200) {
    statements.push({ text: 'First-degree AV block', rule: `PR ${m.prMs} ms > 200 ms` });
  }
  if (m.pacing) {
    const times = m.pacing.spikeTimesS.map((t) => t.toFixed(3)).join(', ');
    statements.push({
      text: 'Paced rhythm',
      rule:
        `pacing spikes (${PACING_SPIKE_CRITERION}) ` +
        `lead ${m.pacing.pacedBeatCount} of ${m.pacing.beatCount} QRS complexes; spikes at ${times} s`,
    });
  }
  // A paced QRS is wide by design: bundle-branch-block criteria do not apply to it.
  if (m.qrsMs !== undefined && m.qrsMs >= 120 && !m.pacing) {
    const v1 = lead('V1');
    const v6 = lead('V6');
    const i = lead('I');
    const v1Net = v1 ? (v1.rAmplitudeUv ?? 0) + (v1.sAmplitudeUv ?? 0) : undefined;
    const lateralUpright = [i, v6].every((l) => l && (l.rAmplitudeUv ?? 0) > depth(l.sAmplitudeUv) && depth(l.qAmplitudeUv) < 100);
    if (v1Net !== undefined && v1Net < 0 && lateralUpright) {
      statements.push({ text: 'Left bundle branch block', rule: `QRS ${m.qrsMs} ms ≥ 120; V1 predominantly negative (R+S ${v1Net} µV); I and V6 upright without Q` });
    } else if (v1Net !== undefined && v1Net > 0 && [i, v6].every((l) => l && depth(l.sAmplitudeUv) > 0)) {
      statements.push({ text: 'Right bundle branch block', rule: `QRS ${m.qrsMs} ms ≥ 120; V1 predominantly positive (R+S ${v1Net} µV); S wave in I and V6` });
    } else {
      statements.push({ text: 'Nonspecific intraventricular conduction delay', rule: `QRS ${m.qrsMs} ms ≥ 120 without LBBB or RBBB morphology` });
    }
  }
  const v1 = lead('V1');
  const v3 = lead('V3');
  const v5 = lead('V5');
  const v6 = lead('V6');
  const avl = lead('aVL');
  if (v1?.quality === 'good' && (v5?.quality === 'good' || v6?.quality === 'good')) {
    const r56 = Math.max(v5?.rAmplitudeUv ?? 0, v6?.rAmplitudeUv ?? 0);
    const sokolow = depth(v1.sAmplitudeUv) + r56;
    if (sokolow >= SOKOLOW_LYON_UV) {
      statements.push({ text: 'Left ventricular hypertrophy by voltage (Sokolow-Lyon)', rule: `S(V1) + max R(V5, V6) = ${sokolow} µV ≥ ${SOKOLOW_LYON_UV}` });
    }
  }
  if (avl?.quality === 'good' && v3?.quality === 'good' && (patient.sex === 'M' || patient.sex === 'F')) {
    const cornell = (avl.rAmplitudeUv ?? 0) + depth(v3.sAmplitudeUv);
    if (cornell > CORNELL_UV[patient.sex]) {
      statements.push({ text: 'Left ventricular hypertrophy by voltage (Cornell)', rule: `R(aVL) + S(V3) = ${cornell} µV > ${CORNELL_UV[patient.sex]} (${patient.sex === 'M' ? 'men' : 'women'})` });
    }
  }
  const peakToPeak = (name: string) => {
    const l = lead(name);
    return l?.quality === 'good' && l.rAmplitudeUv !== undefined ? l.rAmplitudeUv + Math.max(depth(l.qAmplitudeUv), depth(l.sAmplitudeUv)) : l?.quality === 'good' ? depth(l.sAmplitudeUv) : undefined;
  };
  const limb = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map(peakToPeak);
  const chest = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map(peakToPeak);
  if (limb.every((v) => v !== undefined && v < 500)) {
    statements.push({ text: 'Low QRS voltage in the limb leads', rule: `QRS peak-to-peak < 500 µV in every limb lead (largest ${Math.max(...(limb as number[]))} µV)` });
  }
  if (chest.every((v) => v !== undefined && v < 1000)) {
    statements.push({ text: 'Low QRS voltage in the precordial leads', rule: `QRS peak-to-peak < 1000 µV in every precordial lead (largest ${Math.max(...(chest as number[]))} µV)` });
  }
  const qtc = m.qtcMs[qtcFormula];
  if (qtc !== undefined && (m.qrsMs ?? 0) < 120) {
    const sex = patient.sex === 'F' ? 'F' : 'M';
    const limit = patient.sex === 'F' ? PROLONGED_QTC_MS.F : PROLONGED_QTC_MS.M;
    if (qtc >= limit) {
      statements.push({ text: 'Prolonged QTc', rule: `QTc (${qtcFormula}) ${qtc} ms ≥ ${limit} ms (${sex === 'F' ? 'women' : 'men or sex unknown'})` });
    } else if (qtc <= SHORT_QTC_MS) {
      statements.push({ text: 'Short QTc', rule: `QTc (${qtcFormula}) ${qtc} ms ≤ ${SHORT_QTC_MS} ms` });
    }
  }
  const stJ = new Map<string, number>();
  for (const [name, l] of Object.entries(m.leads)) if (l.quality === 'good' && l.stJUv !== undefined) stJ.set(name, l.stJUv);
  const elevations = stElevationPairs(stJ, patient.sex, patient.ageYears);
  if (elevations.length > 0 && (m.qrsMs ?? 0) < 120) {
    const leads = [...new Set(elevations.flatMap((e) => e.leads))];
    statements.push({
      text: `ST elevation in ${leads.join(', ')} meeting the fourth universal definition of MI thresholds`,
      rule: elevations.map((e) => e.rule).join(' | '),
    });
  }
  return statements;
}
