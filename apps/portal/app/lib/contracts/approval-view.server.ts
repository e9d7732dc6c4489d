import type { approvalState } from '@outpost/core';
import { formatDateTime, type Locale } from '@outpost/i18n';

/** The live tally and each approver's decision, dated for the reader. */
export function approvalView(locale: Locale, approval: Awaited<ReturnType<typeof approvalState>>) {
  return {
    tally: approval.tally,
    approvers: approval.approvers.map((a) => ({
      id: a.id,
      name: a.name,
      decision: a.decision?.decision ?? null,
      reason: a.decision?.reason ?? null,
      via: a.decision?.via ?? null,
      at: a.decision ? formatDateTime(locale, a.decision.at) : null,
    })),
  };
}
