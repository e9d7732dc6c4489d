import type { DocumentCounts } from '@outpost/core';
import type { Translate } from '@outpost/i18n';

/**
 * "1 returned · 2 expiring within 30 days": only the counts that are not zero, each document
 * counted once. Null when nothing needs doing.
 */
export function documentSummary(t: Translate, counts: DocumentCounts): string | null {
  const parts = (['missing', 'rejected', 'expired', 'expiring'] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => t(`work-queue.docs.${key}`, { count: counts[key] }));
  return parts.length ? parts.join(' · ') : null;
}
