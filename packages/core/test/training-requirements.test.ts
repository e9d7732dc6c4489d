import { describe, expect, it } from 'vitest';
import {
  maskStaffNumber,
  progressAgainst,
  referenceRule,
  requirementFor,
  scoreAnswers,
} from '../src/index.ts';

describe('annual training requirement', () => {
  it('is the full rule for someone employed all year', () => {
    expect(requirementFor(referenceRule, '2020-03-01', 2026)).toEqual({
      totalMinutes: 2160,
      categoryMinutes: { law_ethics: 720 },
    });
  });

  it('is pro rata for someone who joined during the year, rounded up', () => {
    // 2026-07-02 leaves 183 of 365 days.
    const owed = requirementFor(referenceRule, '2026-07-02', 2026);
    expect(owed.totalMinutes).toBe(Math.ceil((2160 * 183) / 365));
    expect(owed.categoryMinutes.law_ethics).toBe(Math.ceil((720 * 183) / 365));
    expect(requirementFor(referenceRule, '2027-01-05', 2026)).toEqual({
      totalMinutes: 0,
      categoryMinutes: {},
    });
  });

  it('during the year, is the share of the year gone by (the pace the KPI measures)', () => {
    // By the end of 1 July 2026, 182 of 365 days have gone.
    expect(requirementFor(referenceRule, '2020-01-01', 2026, '2026-07-01').totalMinutes).toBe(
      Math.ceil((2160 * 182) / 365),
    );
    // Someone who joined on 1 July owes one day's share by the end of that day.
    expect(requirementFor(referenceRule, '2026-07-01', 2026, '2026-07-01').totalMinutes).toBe(
      Math.ceil(2160 / 365),
    );
    expect(requirementFor(referenceRule, '2026-07-02', 2026, '2026-07-01').totalMinutes).toBe(0);
  });

  it('is met only when the total and every category minimum are met', () => {
    const owed = requirementFor(referenceRule, '2020-01-01', 2026);
    const skillsOnly = progressAgainst(owed, [{ category: 'professional_skills', minutes: 2400 }]);
    expect(skillsOnly.met).toBe(false);
    expect(skillsOnly.categories).toEqual([
      { category: 'law_ethics', doneMinutes: 0, requiredMinutes: 720 },
      { category: 'professional_skills', doneMinutes: 2400, requiredMinutes: 0 },
    ]);
    expect(
      progressAgainst(owed, [
        { category: 'professional_skills', minutes: 1440 },
        { category: 'law_ethics', minutes: 720 },
      ]).met,
    ).toBe(true);
  });

  it('masks staff numbers in lists', () => {
    expect(maskStaffNumber('110101199001011234')).toBe('11••••••••••••••34');
    expect(maskStaffNumber('A12')).toBe('•••');
  });

  it('scores a multiple-choice question right only with exactly the right options', () => {
    const questions = [
      { id: 'a', kind: 'multiple' as const, promptZh: '', promptEn: '', options: [], correct: [0, 2] },
      { id: 'b', kind: 'single' as const, promptZh: '', promptEn: '', options: [], correct: [1] },
    ];
    expect(scoreAnswers(questions, { a: [2, 0], b: [1] }, 100)).toEqual({
      score: 100,
      passed: true,
      wrong: [],
    });
    expect(scoreAnswers(questions, { a: [0], b: [1] }, 50)).toEqual({
      score: 50,
      passed: true,
      wrong: ['a'],
    });
    expect(scoreAnswers(questions, { a: [0, 1, 2] }, 60)).toEqual({
      score: 0,
      passed: false,
      wrong: ['a', 'b'],
    });
  });
});
