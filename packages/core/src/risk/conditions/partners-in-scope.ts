import { type Database, partners, type RiskRule } from '@outpost/db';
import { and, arrayOverlaps, inArray, type SQL } from 'drizzle-orm';
import { type ConditionScope, memoised } from './types.ts';

/**
 * The partners a rule watches: active or suspended (a suspended partner still carries risk),
 * serving one of the rule's categories (all when it names none), limited to the scope's partners.
 */
export function partnersInScope(db: Database, rule: RiskRule, scope: ConditionScope) {
  return memoised(scope, `partners:${[...rule.serviceCategories].sort().join(',')}`, () =>
    readPartners(db, rule, scope),
  );
}

async function readPartners(db: Database, rule: RiskRule, scope: ConditionScope) {
  if (scope.partnerIds && scope.partnerIds.length === 0) return [];
  const where: SQL[] = [inArray(partners.status, ['active', 'suspended'])];
  if (rule.serviceCategories.length > 0) {
    where.push(arrayOverlaps(partners.serviceCategories, rule.serviceCategories));
  }
  if (scope.partnerIds) where.push(inArray(partners.id, [...scope.partnerIds]));
  return db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      creditCode: partners.creditCode,
      serviceCategories: partners.serviceCategories,
    })
    .from(partners)
    .where(and(...where));
}
