import { documentRequirements, documents } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/**
 * A qualification document (accepted, or already marked expired by the daily scan) whose expiry
 * date is at most `withinDays` days away; 0 means expired only. Renewing it (a new accepted version
 * with a later date) clears the condition. Documents under review are the reviewers' business.
 */
export const documentExpiry: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'document_expiry'>;
  const partners = await partnersInScope(db, rule, scope);
  if (partners.length === 0) return [];
  // "Expired" means the expiry date has passed: a document is valid through its expiry day.
  const limit = params.withinDays === 0 ? addDays(scope.today, -1) : addDays(scope.today, params.withinDays);
  const rows = await db
    .select({
      id: documents.id,
      partnerId: documents.partnerId,
      expiryDate: documents.expiryDate,
      status: documents.status,
      key: documentRequirements.key,
      nameZh: documentRequirements.nameZh,
      nameEn: documentRequirements.nameEn,
    })
    .from(documents)
    .innerJoin(documentRequirements, eq(documentRequirements.id, documents.requirementId))
    .where(
      and(
        inArray(
          documents.partnerId,
          partners.map((p) => p.id),
        ),
        inArray(documents.status, ['accepted', 'expired']),
        eq(documentRequirements.expires, true),
        eq(documentRequirements.active, true),
        lte(documents.expiryDate, limit),
      ),
    );
  const dayMs = 86_400_000;
  return rows.map((d) => ({
    partnerId: d.partnerId,
    conditionKey: `document:${d.id}`,
    evidence: {
      documentId: d.id,
      requirementKey: d.key,
      requirementNameZh: d.nameZh,
      requirementNameEn: d.nameEn,
      expiryDate: d.expiryDate,
      daysLeft: Math.round((Date.parse(d.expiryDate!) - Date.parse(scope.today)) / dayMs),
      href: `/s/partners/${d.partnerId}#doc-${d.id}`,
    },
  }));
};
