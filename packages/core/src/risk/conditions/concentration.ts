import { serviceCategories } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { aboveLimit, categoryVolumes, sharesOf, volumesIn } from '../../continuity/concentration-shares.ts';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import { type Condition, type Finding, memoised } from './types.ts';

/** How many of a category's largest partners the evidence lists. */
const TOP = 5;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The condition key of a category's concentration (one alert per partner and category). */
export const concentrationKey = (category: string) => `category:${category}`;

/**
 * One partner's share of a service category's volume — the cases opened over the last
 * `windowDays` days (today included), from the daily rollups — is above `abovePercent`, once the
 * category has at least `minCategoryVolume` cases. Events carry no category, so a partner serving
 * two categories counts its whole volume in both (as the training portfolio does, decision 033).
 * The category's volume counts every partner serving it, whatever its status; only active (or
 * suspended) partners are flagged. One grouped read of the window's rollups per rule, whether
 * after a batch (then for the batch partner's peers: its share rose, theirs fell and may clear)
 * or on the schedule. After a batch the scope also names the batch partner's categories: only
 * those shares moved, so only those are evaluated — a peer's other categories wait for the
 * schedule, as they would have without the batch. Decision records 041 and 061.
 */
export const concentration: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'concentration'>;
  const candidates = await partnersInScope(db, rule, scope);
  if (candidates.length === 0) return [];
  const ruleCategories = (
    rule.serviceCategories.length > 0 ? rule.serviceCategories : (serviceCategories as readonly string[])
  ).filter((c) => !scope.serviceCategories || scope.serviceCategories.includes(c));
  const categories = [
    ...new Set(candidates.flatMap((p) => p.serviceCategories.filter((c) => ruleCategories.includes(c)))),
  ].sort() as (typeof serviceCategories)[number][];
  if (categories.length === 0) return [];
  const from = addDays(scope.today, -(params.windowDays - 1));
  const volumes = await memoised(scope, `concentration:${params.windowDays}:${categories.join(',')}`, () =>
    categoryVolumes(db, categories, from, scope.today),
  );
  const findings: Finding[] = [];
  for (const category of categories) {
    // The same shares and the same "above the limit" as the concentration view (decision record 050).
    const { total, shares } = sharesOf(volumesIn(volumes, category));
    if (total === 0 || total < params.minCategoryVolume) continue;
    const top = shares.slice(0, TOP).map((m) => ({
      partnerId: m.partnerId,
      legalName: m.legalName,
      volume: m.amount,
      percent: round1(m.percent),
    }));
    const above = new Map(aboveLimit(shares, params.abovePercent).map((s) => [s.partnerId, s]));
    for (const candidate of candidates) {
      if (!candidate.serviceCategories.includes(category)) continue;
      const share = above.get(candidate.id);
      if (!share) continue;
      findings.push({
        partnerId: candidate.id,
        conditionKey: concentrationKey(category),
        evidence: {
          serviceCategory: category,
          percent: round1(share.percent),
          threshold: params.abovePercent,
          partnerVolume: share.amount,
          categoryVolume: total,
          partners: shares.length,
          measure: 'cases_opened',
          from,
          to: scope.today,
          top,
          href: `/s/scorecards?category=${category}`,
        },
      });
    }
  }
  return findings;
};
