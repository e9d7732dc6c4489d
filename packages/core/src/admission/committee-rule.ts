/**
 * The committee's decision rule, pure so it can be tested exhaustively.
 *
 * Quorum: at least ceil(members × quorumRatio) members have voted (abstentions count).
 * Approval: approvals ≥ approvalRatio × votes cast (abstentions count as cast).
 * The outcome is reached as soon as the rule is met: approved when quorum and the
 * approval share are both met; rejected when approval can no longer be reached even
 * if every remaining member approved, or when everyone has voted without approval.
 */
export interface CommitteeRule {
  members: string[];
  quorum: number;
  approvalRatio: number;
}

export interface Tally {
  approve: number;
  reject: number;
  abstain: number;
  cast: number;
  members: number;
  quorum: number;
}

export type Outcome = 'approved' | 'rejected' | null;

export function quorumFor(memberCount: number, quorumRatio: number): number {
  return Math.max(1, Math.ceil(memberCount * quorumRatio - 1e-9));
}

export function tally(rule: CommitteeRule, votes: { vote: 'approve' | 'reject' | 'abstain' }[]): Tally {
  const count = (v: string) => votes.filter((x) => x.vote === v).length;
  return {
    approve: count('approve'),
    reject: count('reject'),
    abstain: count('abstain'),
    cast: votes.length,
    members: rule.members.length,
    quorum: rule.quorum,
  };
}

const meets = (approve: number, cast: number, ratio: number) => cast > 0 && approve >= ratio * cast - 1e-9;

export function outcome(rule: CommitteeRule, t: Tally): Outcome {
  if (t.cast >= t.quorum && meets(t.approve, t.cast, rule.approvalRatio)) return 'approved';
  const remaining = t.members - t.cast;
  if (remaining <= 0) return 'rejected';
  // Could the remaining members still carry it? Try every number of extra approvals that reaches quorum.
  for (let extra = 1; extra <= remaining; extra++) {
    const cast = t.cast + extra;
    if (cast >= t.quorum && meets(t.approve + extra, cast, rule.approvalRatio)) return null;
  }
  return 'rejected';
}

export interface Weights {
  financial: number;
  capability: number;
  compliance: number;
  reputation: number;
}

/** Weighted 0–100 score of the four assessment dimensions, one decimal. */
export function weightedScore(scores: Weights, weights: Weights): number {
  const keys = ['financial', 'capability', 'compliance', 'reputation'] as const;
  const total = keys.reduce((sum, k) => sum + weights[k], 0);
  const value = keys.reduce((sum, k) => sum + scores[k] * weights[k], 0) / total;
  return Math.round(value * 10) / 10;
}
