import { kpiDailyRollups, partners, serviceCategories } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, arrayOverlaps, eq, gte, lte, sql } from 'drizzle-orm';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import { type Condition, type Finding, memoised } from './types.ts';

/** How many of a category's largest partners the evidence lists. */
const TOP = 5;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One partner's share of a service category's volume — the cases opened over the last
 * `windowDays` days (today included), from the daily rollups — is above `abovePercent`, once the
 * category has at least `minCategoryVolume` cases. Events carry no category, so a partner serving
 * two categories counts its whole volume in both (as the training portfolio does, decision 033).
 * The category's volume counts every partner serving it, whatever its status; only active (or
 * suspended) partners are flagged. One grouped read of the window's rollups per rule, whether
 * after a batch (then only the batch's partner is flagged; other partners' shares only fell, and
 * the scheduled run clears theirs) or on the schedule. Decision record 041.
 */
export const concentration: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'concentration'>;
  const candidates = await partnersInScope(db, rule, scope);
  if (candidates.length === 0) return [];
  const ruleCategories: readonly string[] =
    rule.serviceCategories.length > 0 ? rule.serviceCategories : serviceCategories;
  const categories = [
    ...new Set(candidates.flatMap((p) => p.serviceCategories.filter((c) => ruleCategories.includes(c)))),
  ].sort() as (typeof serviceCategories)[number][];
  if (categories.length === 0) return [];
  const from = addDays(scope.today, -(params.windowDays - 1));
  const volumes = await memoised(scope, `concentration:${params.windowDays}:${categories.join(',')}`, () =>
    db
      .select({
        id: partners.id,
        legalName: partners.legalName,
        serviceCategories: partners.serviceCategories,
        volume: sql<number>`sum(${kpiDailyRollups.casesOpened})::int`,
      })
      .from(kpiDailyRollups)
      .innerJoin(partners, eq(partners.id, kpiDailyRollups.partnerId))
      .where(
        and(
          arrayOverlaps(partners.serviceCategories, categories),
          gte(kpiDailyRollups.day, from),
          lte(kpiDailyRollups.day, scope.today),
        ),
      )
      .groupBy(partners.id),
  );
  const findings: Finding[] = [];
  for (const category of categories) {
    const members = volumes
      .filter((v) => v.serviceCategories.includes(category) && Number(v.volume) > 0)
      .map((v) => ({ ...v, volume: Number(v.volume) }))
      .sort((a, b) => b.volume - a.volume || a.legalName.localeCompare(b.legalName));
    const total = members.reduce((sum, m) => sum + m.volume, 0);
    if (total === 0 || total < params.minCategoryVolume) continue;
    const top = members.slice(0, TOP).map((m) => ({
      partnerId: m.id,
      legalName: m.legalName,
      volume: m.volume,
      percent: round1((m.volume / total) * 100),
    }));
    for (const candidate of candidates) {
      if (!candidate.serviceCategories.includes(category)) continue;
      const volume = members.find((m) => m.id === candidate.id)?.volume ?? 0;
      const share = (volume / total) * 100;
      if (share <= params.abovePercent) continue;
      findings.push({
        partnerId: candidate.id,
        conditionKey: `category:${category}`,
        evidence: {
          serviceCategory: category,
          percent: round1(share),
          threshold: params.abovePercent,
          partnerVolume: volume,
          categoryVolume: total,
          partners: members.length,
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
