import { contracts, contractVersions } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { currentTermEnd } from '../../contracts/expiry.ts';
import { inForceStatuses, isInForce } from '../../contracts/in-force.ts';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition, Finding } from './types.ts';

const dayMs = 86_400_000;
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * Per partner and per service category it serves (within the rule's categories): the contract
 * whose end decides when the partner stops being covered — the latest-ending contract in force
 * (active, expiring or renewed); a contract that renews automatically covers it for good. It lapses when
 * that end is at most `withinDays` days away (0: already past), i.e. no later contract (a
 * renewal) has been signed. With none in force, the latest expired contract is the finding; with
 * none at all, a "no contract" finding when `includeNoContract` is set. Decision record 041.
 */
export const contractLapsing: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'contract_lapsing'>;
  const inScope = await partnersInScope(db, rule, scope);
  if (inScope.length === 0) return [];
  const rows = await db
    .select({
      id: contracts.id,
      reference: contracts.reference,
      partnerId: contracts.partnerId,
      serviceCategory: contracts.serviceCategory,
      status: contracts.status,
      terms: contractVersions.terms,
    })
    .from(contracts)
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    )
    .where(
      and(
        inArray(
          contracts.partnerId,
          inScope.map((p) => p.id),
        ),
        inArray(contracts.status, [...inForceStatuses, 'expired']),
      ),
    );
  const watched = (categories: readonly string[]) =>
    rule.serviceCategories.length === 0
      ? categories
      : categories.filter((c) => (rule.serviceCategories as string[]).includes(c));
  const findings: Finding[] = [];
  for (const partner of inScope) {
    for (const category of watched(partner.serviceCategories)) {
      const ofCategory = rows.filter((r) => r.partnerId === partner.id && r.serviceCategory === category);
      const inForce = ofCategory.filter((r) => isInForce(r.status));
      if (inForce.some((r) => r.terms.autoRenew)) continue;
      const byEnd = (list: typeof rows) =>
        list
          .map((r) => ({ ...r, end: currentTermEnd(r.terms, scope.today) }))
          .sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0))[0];
      const decisive = byEnd(inForce) ?? byEnd(ofCategory);
      if (!decisive) {
        if (!params.includeNoContract) continue;
        findings.push({
          partnerId: partner.id,
          conditionKey: `no_contract:${category}`,
          evidence: { state: 'none', serviceCategory: category, href: `/s/partners/${partner.id}` },
        });
        continue;
      }
      const daysLeft = daysFrom(scope.today, decisive.end);
      const lapsing = params.withinDays === 0 ? daysLeft < 0 : daysLeft <= params.withinDays;
      if (!lapsing) continue;
      findings.push({
        partnerId: partner.id,
        conditionKey: `contract:${decisive.id}`,
        evidence: {
          state: daysLeft < 0 ? 'expired' : 'ending',
          contractId: decisive.id,
          reference: decisive.reference,
          serviceCategory: category,
          endDate: decisive.end,
          daysLeft,
          href: `/s/contracts/${decisive.id}`,
        },
      });
    }
  }
  return findings;
};
