import { type Database, partners, type serviceCategories } from '@outpost/db';
import { and, arrayOverlaps, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can, partnerScope } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { percentileAmong } from './kpi-values.ts';
import { formatPeriod, type Period, periodDays, periodSchema, trailingQuarters } from './periods.ts';
import { sumsByPartner, sumsByQuarter } from './rollup-sums.ts';
import { activeKpis, scorePartner } from './score-partner.ts';

/** Partners that are ranked and serve as peers: those working with the insurer or winding down. */
export const rankedStatuses = ['active', 'suspended', 'exiting'] as const;

export const scorecardInput = z.object({ partnerId: z.string(), period: periodSchema });

/** A reader of this partner's scorecard: staff, or the partner itself. Another partner's id is "not found". */
export async function readablePartner(db: Database, actor: Actor, partnerId: string) {
  if (!can(actor, 'read:scorecard:any')) assertCan(actor, 'read:scorecard:own');
  const scope = partnerScope(actor);
  if (!isUuid(partnerId) || (scope !== undefined && scope !== partnerId)) throw notFound('Partner');
  const [partner] = await db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      serviceCategories: partners.serviceCategories,
      status: partners.status,
    })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  return partner;
}

/**
 * A partner's scorecard for a month, quarter or year, computed from the daily rollups only:
 * each KPI against its target and thresholds, the weighted score and grade, the last eight
 * quarters, and its percentile among peers of each of its service categories (never who they are).
 */
export async function getScorecard(db: Database, actor: Actor, raw: { partnerId: string; period: Period }) {
  const { partnerId, period } = parse(scorecardInput, raw);
  const partner = await readablePartner(db, actor, partnerId);
  const defs = await activeKpis(db);
  const days = periodDays(period);

  const own = (await sumsByPartner(db, days, [partner.id])).get(partner.id);
  const current = scorePartner(defs, partner.serviceCategories, own);

  const quarters = trailingQuarters(period);
  const byQuarter = await sumsByQuarter(db, partner.id, {
    from: periodDays(quarters[0]!).from,
    to: periodDays(quarters.at(-1)!).to,
  });
  const trend = quarters.map((q) => {
    const label = formatPeriod(q);
    const scored = scorePartner(defs, partner.serviceCategories, byQuarter.get(label));
    return {
      period: label,
      score: scored.score,
      grade: scored.grade,
      values: Object.fromEntries(scored.kpis.map((k) => [k.key, k.value])),
    };
  });

  const peers = current.score === null ? [] : await peerPercentiles(db, partner, period, current.score, defs);
  return {
    partner: { id: partner.id, legalName: partner.legalName, serviceCategories: partner.serviceCategories },
    period: { ...period, label: formatPeriod(period), from: days.from, to: days.to },
    score: current.score,
    grade: current.grade,
    kpis: current.kpis,
    trend,
    peers,
  };
}

type Category = (typeof serviceCategories)[number];

/** For each of the partner's categories: how many scored peers there are and the share it beats. */
async function peerPercentiles(
  db: Database,
  partner: { id: string; serviceCategories: Category[] },
  period: Period,
  score: number,
  defs: Awaited<ReturnType<typeof activeKpis>>,
) {
  const peers = await db
    .select({ id: partners.id, serviceCategories: partners.serviceCategories })
    .from(partners)
    .where(
      and(
        ne(partners.id, partner.id),
        arrayOverlaps(partners.serviceCategories, partner.serviceCategories),
        inArray(partners.status, [...rankedStatuses]),
      ),
    );
  const sums = await sumsByPartner(
    db,
    periodDays(period),
    peers.map((p) => p.id),
  );
  const scored = peers.flatMap((p) => {
    const s = sums.get(p.id);
    const result = s ? scorePartner(defs, p.serviceCategories, s).score : null;
    return result === null ? [] : [{ categories: p.serviceCategories, score: result }];
  });
  return partner.serviceCategories.map((category) => {
    const scores = scored.filter((p) => p.categories.includes(category)).map((p) => p.score);
    return { category, peerCount: scores.length, percentile: percentileAmong(score, scores) };
  });
}
