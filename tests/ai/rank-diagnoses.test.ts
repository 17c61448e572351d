/** Ranking and grouping of the 164 Cardio-Learning labels (the catalogue the app ships), with synthetic scores. */
import { describe, expect, it } from 'vitest';
import { labelSetFor } from '../../src/main/core/inference/label-sets.ts';
import { labelScores } from '../../src/shared/diagnoses/label-scores.ts';
import { rankDiagnoses, reliabilityCue, SCORE_THRESHOLD, TOP_GROUPS } from '../../src/shared/diagnoses/rank-diagnoses.ts';
import { aiRiskScore } from '../../src/shared/diagnoses/risk-score.ts';

const labels = labelSetFor(164, 'base').labels;

function scoresWith(set: Record<string, number>, rest = 0.01) {
  const max = labels.map((l) => set[l.code] ?? rest);
  const mean = max.map((p) => p / 2);
  return labelScores(labels, max, mean);
}

describe('rankDiagnoses on the 164-label catalogue', () => {
  const scores = scoresWith({ AMI: 0.9, EAMI: 0.7, MI: 0.4, ANMI: 0.2, AF: 0.6, '2AVB2': 0.55, 'CLBBB|LBBB': 0.3, 'SAMITROP-DEATH': 0.99, NORM: 0.95 });
  const ranked = rankDiagnoses(scores, 'SAMITROP-DEATH');

  it('groups children (and grandchildren) under their top-level parent, headed by the strongest member', () => {
    // 164 labels − the mortality output − 49 labels that have a parent = 114 groups.
    expect(ranked.groups).toHaveLength(114);
    const mi = ranked.groups.find((g) => g.rootCode === 'MI');
    expect(mi?.headline.code).toBe('AMI');
    expect(mi?.score).toBeCloseTo(0.9, 6);
    expect(mi?.members).toHaveLength(13);
    expect(mi?.members.slice(0, 4).map((m) => [m.code, m.depth])).toEqual([
      ['AMI', 1],
      ['EAMI', 2],
      ['MI', 0],
      ['ANMI', 1],
    ]);
    const avb = ranked.groups.find((g) => g.rootCode === 'AVB');
    expect(avb?.headline).toMatchObject({ code: '2AVB2', depth: 2 });
    // Every label appears exactly once.
    const codes = ranked.groups.flatMap((g) => g.members.map((m) => m.code));
    expect(new Set(codes).size).toBe(163);
  });

  it('sorts groups by their strongest member and applies the display policy (top 5, plus all ≥ 0.5)', () => {
    expect(ranked.groups.slice(0, 5).map((g) => g.rootCode)).toEqual(['NORM', 'MI', 'AF', 'AVB', 'BBB']);
    expect(TOP_GROUPS).toBe(5);
    expect(SCORE_THRESHOLD).toBe(0.5);
    expect(ranked.groups.filter((g) => g.shown).map((g) => g.rootCode)).toEqual(['NORM', 'MI', 'AF', 'AVB', 'BBB']);
    expect(ranked.hiddenCount).toBe(109);
    const manyHigh = rankDiagnoses(scoresWith({}, 0.6), 'SAMITROP-DEATH');
    expect(manyHigh.hiddenCount).toBe(0);
  });

  it('takes the mortality output out of the list and returns it apart', () => {
    expect(ranked.mortality).toMatchObject({ code: 'SAMITROP-DEATH', probability: 0.99, meanProbability: 0.495, auroc: 0.9337 });
    expect(ranked.groups.some((g) => g.members.some((m) => m.code === 'SAMITROP-DEATH'))).toBe(false);
  });

  it("carries the authors' AUROC for the model size as a reliability cue, and the uncalibrated note", () => {
    const ami = ranked.groups.find((g) => g.rootCode === 'MI')?.headline;
    expect(ami?.auroc).toBe(0.9288);
    expect(ami?.reliability).toBe("AUROC 0.93 (authors' test set)");
    expect(reliabilityCue(null)).toBe('no published AUROC for this output');
    expect(ranked.uncalibratedNote).toMatch(/not calibrated.*pos_weight/);
  });

  it('scores worklist risk as the top abnormal finding: not NORM, SR or the mortality output', () => {
    expect(aiRiskScore(scores, 'SAMITROP-DEATH')).toBeCloseTo(0.9, 6);
    expect(aiRiskScore(scoresWith({ SR: 0.97, 'SAMITROP-DEATH': 0.98 }, 0.2), 'SAMITROP-DEATH')).toBeCloseTo(0.2, 6);
  });

  it('survives labels whose parent is missing or loops, treating them as top-level', () => {
    const odd = rankDiagnoses(
      labelScores(
        [
          { code: 'A', name: 'a', parent: 'B' },
          { code: 'B', name: 'b', parent: 'A' },
          { code: 'C', name: 'c', parent: 'GONE' },
        ],
        [0.2, 0.3, 0.4],
        [0.2, 0.3, 0.4],
      ),
      null,
    );
    expect(odd.groups.flatMap((g) => g.members.map((m) => m.code)).sort()).toEqual(['A', 'B', 'C']);
    expect(odd.groups[0]).toMatchObject({ rootCode: 'C', score: 0.4 });
  });
});
