/**
 * What WFDB header comments say about the patient and the diagnosis, in the conventions of the
 * databases we read: PhysioNet Challenge (`#Age: 78`, `#Dx: 164889003,…`), PTB-DB (`# age: 81`,
 * `# Reason for admission: …`), LUDB (`#<age>: 51`, `#<diagnoses>:` then one line each) and
 * MIT-BIH/QTDB (`# 69 M 1085 1629 x1`). Comments no convention claims are kept as free text.
 */
import type { PatientDemographics, Sex, SourceStatement } from '../../../../shared/ecg/record.ts';
import { CHALLENGE_DX_NAMES } from './challenge-dx-names.ts';

export interface WfdbCommentFacts {
  patient: PatientDemographics;
  statements: SourceStatement[];
  /** Comments that are neither demographics nor statements. */
  freeText: string[];
  /** ISO date of the ECG where a comment states it (PTB-DB `ECG date: 01/10/1990`). */
  ecgDate?: string;
}

/** PTB-DB keys whose values are diagnoses; "n/a" and "no" values say nothing and are skipped. */
const PTB_DIAGNOSIS_KEYS = new Set([
  'reason for admission',
  'acute infarction (localization)',
  'former infarction (localization)',
  'additional diagnoses',
]);

function parseSex(value: string): Sex | undefined {
  const key = value.trim().toLowerCase();
  if (key === 'm' || key === 'male') return 'M';
  if (key === 'f' || key === 'female') return 'F';
  return undefined;
}

function parseAge(value: string): number | undefined {
  const age = Number(value.trim());
  return Number.isFinite(age) && age >= 0 && age < 150 && value.trim() !== '' ? age : undefined;
}

function dxStatements(value: string): SourceStatement[] {
  return value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => /^\d+$/.test(code))
    .map((code) => ({
      text: CHALLENGE_DX_NAMES.get(code)?.name ?? `SNOMED CT ${code}`,
      source: 'label' as const,
      code,
      codeSystem: 'SNOMED-CT',
    }));
}

function isoFromDayMonthYear(value: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

export function interpretWfdbComments(comments: readonly string[]): WfdbCommentFacts {
  const patient: PatientDemographics = {};
  const statements: SourceStatement[] = [];
  const freeText: string[] = [];
  let ecgDate: string | undefined;
  let inLudbDiagnoses = false;
  comments.forEach((comment, index) => {
    const keyValue = /^<?([A-Za-z][\w ()/-]*?)>?\s*:\s*(.*)$/.exec(comment);
    const key = keyValue?.[1]?.trim().toLowerCase();
    const value = keyValue?.[2]?.trim() ?? '';
    if (key === 'age') {
      const age = parseAge(value);
      if (age !== undefined) patient.ageYears = age;
      return;
    }
    if (key === 'sex') {
      const sex = parseSex(value);
      if (sex !== undefined) patient.sex = sex;
      return;
    }
    if (key === 'dx') {
      statements.push(...dxStatements(value));
      return;
    }
    if (key === 'diagnoses' && comment.startsWith('<')) {
      inLudbDiagnoses = true;
      return;
    }
    if (inLudbDiagnoses && comment !== '') {
      statements.push({ text: comment.replace(/\.\s*$/, ''), source: 'label' });
      return;
    }
    if (key === 'ecg date') {
      ecgDate = isoFromDayMonthYear(value);
      if (ecgDate !== undefined) return;
    }
    if (key !== undefined && PTB_DIAGNOSIS_KEYS.has(key)) {
      if (value !== '' && !/^(n\/a|no|unknown)$/i.test(value)) {
        statements.push({ text: `${keyValue?.[1]?.trim()}: ${value}`, source: 'label' });
      }
      return;
    }
    // MIT-BIH and QTDB open with "age sex …" on the first comment line.
    const mitDemographics = index === 0 ? /^(\d{1,3})\s+([MF])\b/.exec(comment) : null;
    if (mitDemographics?.[1] && mitDemographics[2]) {
      const age = parseAge(mitDemographics[1]);
      const sex = parseSex(mitDemographics[2]);
      if (age !== undefined) patient.ageYears = age;
      if (sex !== undefined) patient.sex = sex;
    }
    if (comment !== '') freeText.push(comment);
  });
  return { patient, statements, freeText, ...(ecgDate !== undefined ? { ecgDate } : {}) };
}
