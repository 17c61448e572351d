/**
 * Realistic machine statements for synthetic worklist studies: one rhythm statement per record,
 * weighted as in a general hospital's ECGs, then 0–4 findings drawn from a few hundred distinct
 * texts with a Zipf-like frequency (a handful very common, most rare). Deterministic.
 */
import { seededRandom } from '../tests/support/seeded-random.ts';

const RHYTHMS: [string, number][] = [
  ['sinus rhythm', 55],
  ['sinus bradycardia', 10],
  ['sinus tachycardia', 8],
  ['atrial fibrillation', 9],
  ['sinus arrhythmia', 5],
  ['atrial flutter', 2],
  ['electronic ventricular pacemaker', 3],
  ['marked sinus bradycardia', 1],
  ['ectopic atrial rhythm', 1],
  ['junctional rhythm', 1],
  ['atrial fibrillation with rapid ventricular response', 2],
  ['supraventricular tachycardia', 0.5],
  ['ventricular tachycardia', 0.1],
];

const SINGLE_FINDINGS = [
  'left axis deviation', 'right axis deviation', 'indeterminate axis', 'borderline left axis deviation',
  'first degree AV block', 'second degree AV block, Mobitz I', 'second degree AV block, Mobitz II', 'complete heart block',
  'left bundle branch block', 'right bundle branch block', 'incomplete right bundle branch block',
  'incomplete left bundle branch block', 'left anterior fascicular block', 'left posterior fascicular block',
  'bifascicular block', 'nonspecific intraventricular conduction delay', 'Wolff-Parkinson-White pattern',
  'short PR interval', 'prolonged QT interval', 'left ventricular hypertrophy', 'LVH with repolarization abnormality',
  'right ventricular hypertrophy', 'left atrial enlargement', 'right atrial enlargement', 'biatrial enlargement',
  'premature ventricular complexes', 'premature atrial complexes', 'frequent premature ventricular complexes',
  'ventricular bigeminy', 'ventricular trigeminy', 'aberrant conduction', 'low QRS voltage',
  'low voltage in limb leads', 'poor R wave progression', 'early repolarization', 'Brugada pattern type 1',
  'digitalis effect', 'hyperkalemia pattern', 'pericarditis pattern', 'electrode reversal suspected',
  'baseline wander', 'muscle artifact', 'abnormal ECG', 'borderline ECG', 'otherwise normal ECG', 'normal ECG',
];
const INFARCT_AGES = ['old', 'age undetermined', 'acute', 'recent'];
const WALLS = ['inferior', 'anterior', 'anteroseptal', 'lateral', 'anterolateral', 'posterior', 'inferolateral', 'septal', 'high lateral', 'inferoposterior'];
const REPOLARISATION = ['ST elevation', 'ST depression', 'T wave inversion', 'nonspecific T wave abnormality', 'ST-T abnormality, consider ischemia', 'flat T waves', 'minimal ST depression'];
const LEAD_GROUPS = ['inferior leads', 'anterior leads', 'lateral leads', 'anterolateral leads', 'V1-V3', 'V4-V6', 'I, aVL', 'II, III, aVF', 'septal leads', 'high lateral leads'];
const HEDGES = ['possible', 'probable', 'consider'];

function distinctFindings(): string[] {
  const findings = [...SINGLE_FINDINGS];
  for (const age of INFARCT_AGES) for (const wall of WALLS) findings.push(`${wall} myocardial infarction, ${age}`);
  for (const kind of REPOLARISATION) for (const leads of LEAD_GROUPS) findings.push(`${kind} in ${leads}`);
  for (const hedge of HEDGES) for (const finding of SINGLE_FINDINGS.slice(0, 30)) findings.push(`${hedge} ${finding}`);
  return findings;
}


function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

function pick<T>(items: readonly T[], cdf: readonly number[], u: number): T {
  const index = cdf.findIndex((c) => u < c);
  return items[index === -1 ? items.length - 1 : index];
}

export interface StatementGenerator {
  distinctTexts: number;
  /** The statements of the next record, in order. */
  next(): string[];
}

export function statementGenerator(seed = 12): StatementGenerator {
  const rand = seededRandom(seed);
  const findings = distinctFindings();
  // Zipf-like ranks over a shuffled order, so common findings are not all from one family.
  const order = findings.map((text) => ({ text, key: rand() })).sort((a, b) => a.key - b.key).map((f) => f.text);
  const findingCdf = cumulative(order.map((_, rank) => 1 / (rank + 1) ** 1.1));
  const rhythmCdf = cumulative(RHYTHMS.map(([, w]) => w));
  const rhythmTexts = RHYTHMS.map(([text]) => text);
  const findingCountCdf = cumulative([25, 35, 25, 10, 5]);
  return {
    distinctTexts: rhythmTexts.length + order.length,
    next() {
      const statements = [pick(rhythmTexts, rhythmCdf, rand())];
      const count = pick([0, 1, 2, 3, 4], findingCountCdf, rand());
      while (statements.length < count + 1) {
        const finding = pick(order, findingCdf, rand());
        if (!statements.includes(finding)) statements.push(finding);
      }
      return statements;
    },
  };
}
