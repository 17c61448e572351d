/**
 * Ranked, grouped diagnoses from one model's label scores. The Cardio-Learning list holds parent/child
 * duplicates (MI with AMI, ANMI, EAMI…; AVB with 1AVB, 2AVB, 2AVB1…), so labels are grouped under their
 * top-level ancestor: a group is ranked by, and headed by, its strongest member, and lists every member
 * under it. The mortality output is taken out and returned apart.
 *
 * Display policy (DISPLAY_POLICY): the scores are uncalibrated, so no single cut-off means "present".
 * We show the TOP_GROUPS strongest groups always, plus every further group whose score reaches the
 * authors' only threshold, 0.5 (SPEC §4.4); the rest are counted and available on request.
 */
import type { LabelScore } from './label-scores.ts';

export const TOP_GROUPS = 5;
export const SCORE_THRESHOLD = 0.5;

export const DISPLAY_POLICY =
  `The ${TOP_GROUPS} highest-scoring groups, and every other group scoring ${SCORE_THRESHOLD} or more.`;

export const UNCALIBRATED_NOTE =
  'Scores, not calibrated probabilities: the model was trained with class weights (pos_weight), which pushes rare ' +
  'labels up, so a score cannot be read as the chance that the finding is present or compared across labels.';

export interface RankedLabel extends LabelScore {
  /** 0 for the group's top-level label, 1 for its children, 2 for grandchildren. */
  depth: number;
  /** "AUROC 0.93 (authors' test set)", or a note that none is published. */
  reliability: string;
}

export interface DiagnosisGroup {
  /** Code of the group's top-level label (MI for AMI). */
  rootCode: string;
  rootName: string;
  /** The group's strongest member; its score ranks the group. */
  headline: RankedLabel;
  /** Every member, strongest first (the headline included). */
  members: RankedLabel[];
  score: number;
  /** Reached the threshold, or is among the top groups. */
  shown: boolean;
}

export interface RankedDiagnoses {
  groups: DiagnosisGroup[];
  /** Groups past the display policy, still in `groups` with shown: false. */
  hiddenCount: number;
  /** The mortality output, never among the groups. */
  mortality: LabelScore | null;
  displayPolicy: string;
  uncalibratedNote: string;
}

export function reliabilityCue(auroc: number | null | undefined): string {
  return typeof auroc === 'number' ? `AUROC ${auroc.toFixed(2)} (authors' test set)` : 'no published AUROC for this output';
}

/** The chain from a label up to its top-level ancestor; a missing parent or a loop ends the chain. */
function ancestry(code: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const chain = [code];
  let parent = parentOf.get(code);
  while (parent && parentOf.has(parent) && !chain.includes(parent)) {
    chain.push(parent);
    parent = parentOf.get(parent);
  }
  return chain;
}

function byScore(a: { probability: number; code: string }, b: { probability: number; code: string }): number {
  return b.probability - a.probability || a.code.localeCompare(b.code);
}

export function rankDiagnoses(scores: readonly LabelScore[], mortalityLabelCode: string | null): RankedDiagnoses {
  const mortality = scores.find((s) => s.code === mortalityLabelCode) ?? null;
  const findings = scores.filter((s) => s.code !== mortalityLabelCode);
  const parentOf = new Map(findings.map((s) => [s.code, s.parent ?? null]));
  const nameOf = new Map(findings.map((s) => [s.code, s.name]));

  const membersByRoot = new Map<string, RankedLabel[]>();
  for (const score of findings) {
    const chain = ancestry(score.code, parentOf);
    const root = chain[chain.length - 1];
    const member: RankedLabel = { ...score, depth: chain.length - 1, reliability: reliabilityCue(score.auroc) };
    membersByRoot.set(root, [...(membersByRoot.get(root) ?? []), member]);
  }

  const groups = [...membersByRoot.entries()].map(([rootCode, members]): DiagnosisGroup => {
    members.sort(byScore);
    return { rootCode, rootName: nameOf.get(rootCode) ?? rootCode, headline: members[0], members, score: members[0].probability, shown: false };
  });
  groups.sort((a, b) => byScore({ probability: a.score, code: a.rootCode }, { probability: b.score, code: b.rootCode }));
  groups.forEach((group, rank) => {
    group.shown = rank < TOP_GROUPS || group.score >= SCORE_THRESHOLD;
  });
  return {
    groups,
    hiddenCount: groups.filter((g) => !g.shown).length,
    mortality,
    displayPolicy: DISPLAY_POLICY,
    uncalibratedNote: UNCALIBRATED_NOTE,
  };
}
