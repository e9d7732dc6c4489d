import { blacklistEntries } from '@outpost/db';
import { and, inArray, isNull } from 'drizzle-orm';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/**
 * A watched partner's credit code is on the live Do-Not-Contract list. Adding the entry suspends
 * the partner (decision 020); the alert makes sure someone owns what follows (exit, customers).
 * Removing the entry clears the condition.
 */
export const blacklistHit: Condition = async (db, rule, scope) => {
  const partners = await partnersInScope(db, rule, scope);
  if (partners.length === 0) return [];
  const byCode = new Map(partners.map((p) => [p.creditCode, p]));
  const entries = await db
    .select()
    .from(blacklistEntries)
    .where(and(isNull(blacklistEntries.removedAt), inArray(blacklistEntries.creditCode, [...byCode.keys()])));
  return entries.map((e) => ({
    partnerId: byCode.get(e.creditCode)!.id,
    conditionKey: 'blacklist',
    evidence: {
      entryId: e.id,
      listedName: e.name,
      creditCode: e.creditCode,
      reason: e.reason,
      listedAt: e.createdAt.toISOString(),
      href: '/s/blacklist',
    },
  }));
};
