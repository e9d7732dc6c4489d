import { describe, expect, it } from 'vitest';
import { outcome, quorumFor, tally, weightedScore } from '../src/admission/committee-rule.ts';

type Vote = 'approve' | 'reject' | 'abstain';
const rule = (n: number, quorumRatio = 0.5, approvalRatio = 2 / 3) => ({
  members: Array.from({ length: n }, (_, i) => `m${i}`),
  quorum: quorumFor(n, quorumRatio),
  approvalRatio,
});
const decide = (n: number, votes: Vote[]) => {
  const r = rule(n);
  return outcome(
    r,
    tally(
      r,
      votes.map((vote) => ({ vote })),
    ),
  );
};

describe('committee rule (default: half must vote, two thirds of votes cast approve)', () => {
  it('computes the quorum as a whole number of members', () => {
    expect([1, 2, 3, 4, 5, 7].map((n) => quorumFor(n, 0.5))).toEqual([1, 1, 2, 2, 3, 4]);
  });

  it('decides as soon as the rule is met, and not before', () => {
    expect(decide(3, ['approve'])).toBeNull(); // below quorum
    expect(decide(3, ['approve', 'approve'])).toBe('approved');
    expect(decide(3, ['approve', 'reject'])).toBeNull(); // a third approval could still carry it
    expect(decide(3, ['approve', 'reject', 'approve'])).toBe('approved');
    expect(decide(3, ['approve', 'reject', 'reject'])).toBe('rejected');
    expect(decide(3, ['reject', 'reject'])).toBe('rejected'); // cannot reach 2/3 any more
    expect(decide(3, ['abstain'])).toBeNull();
    expect(decide(3, ['abstain', 'abstain'])).toBe('rejected'); // abstentions are votes cast: 2/3 is out of reach
    expect(decide(5, ['approve', 'approve', 'approve'])).toBe('approved');
  });

  it('never leaves an application undecided once everyone has voted (all vote sequences up to 6 members)', () => {
    const options: Vote[] = ['approve', 'reject', 'abstain'];
    for (let n = 1; n <= 6; n++) {
      const sequences = (len: number): Vote[][] =>
        len === 0 ? [[]] : sequences(len - 1).flatMap((s) => options.map((o) => [...s, o]));
      for (const votes of sequences(n)) {
        let decided: string | null = null;
        for (let i = 1; i <= n && !decided; i++) decided = decide(n, votes.slice(0, i));
        expect(decided, `${n} members, votes ${votes.join(',')}`).not.toBeNull();
        const approvals = votes.filter((v) => v === 'approve').length;
        if (decided === 'rejected') {
          // Once rejected, no continuation could have been approved at the moment of decision;
          // with everyone voting, rejection means fewer than 2/3 approved.
          if (votes.every((v) => v === 'approve')) throw new Error('unanimous approval rejected');
        } else {
          expect(approvals).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });
});

describe('weighted score', () => {
  it('weights the four dimensions and rounds to one decimal', () => {
    const w = { financial: 0.3, capability: 0.3, compliance: 0.25, reputation: 0.15 };
    expect(weightedScore({ financial: 80, capability: 90, compliance: 70, reputation: 60 }, w)).toBe(77.5);
    expect(
      weightedScore(
        { financial: 100, capability: 0, compliance: 0, reputation: 0 },
        { financial: 1, capability: 1, compliance: 1, reputation: 1 },
      ),
    ).toBe(25);
  });
});
