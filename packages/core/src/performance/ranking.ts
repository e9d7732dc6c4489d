import { type Database, partners, serviceCategories } from '@outpost/db';
import { inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { formatPeriod, isProvisional, periodDays, periodSchema } from './periods.ts';
import { worstKpiStatus } from './kpi-values.ts';
import { sumsByPartner } from './rollup-sums.ts';
import { rankedStatuses } from './peer-scores.ts';
import { activeKpis, scorePartner } from './score-partner.ts';
import { pageNumber, pageSize } from '../fields.ts';

export const rankPartnersInput = z.object({
  period: periodSchema,
  category: z.enum(serviceCategories).optional(),
  sort: z.enum(['score', 'name']).default('score'),
  order: z.enum(['asc', 'desc']).optional(),
  page: pageNumber().default(1),
  pageSize: pageSize(100).default(20),
});

/**
 * Staff's ranked table of partners for a period, optionally within one service category.
 * Rank is by score (ties share a rank); partners without data have no rank and sort last.
 * Scores come from the rollups of all candidates at once — one grouped query.
 */
export async function rankPartners(
  db: Database,
  actor: Actor,
  raw: z.input<typeof rankPartnersInput>,
  now: Date = new Date(),
) {
  assertCan(actor, 'read:scorecard:any');
  const input = parse(rankPartnersInput, raw);
  const days = periodDays(input.period);
  const [defs, sums] = await Promise.all([activeKpis(db), sumsByPartner(db, days)]);
  const candidates = await db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      serviceCategories: partners.serviceCategories,
      status: partners.status,
    })
    .from(partners)
    .where(
      or(
        inArray(partners.status, [...rankedStatuses]),
        sums.size > 0 ? inArray(partners.id, [...sums.keys()]) : undefined,
      ),
    );
  const rows = candidates
    .filter((p) => !input.category || p.serviceCategories.includes(input.category))
    .map((p) => {
      const scored = scorePartner(defs, p.serviceCategories, sums.get(p.id));
      return {
        partnerId: p.id,
        legalName: p.legalName,
        serviceCategories: p.serviceCategories,
        status: p.status,
        score: scored.score,
        grade: scored.grade,
        kpis: scored.kpis.map((k) => ({ key: k.key, value: k.value, status: k.status })),
        worstStatus: worstKpiStatus(scored.kpis.map((k) => k.status)),
        rank: null as number | null,
      };
    });

  const byScore = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  byScore.forEach((r, i) => {
    r.rank = i > 0 && byScore[i - 1]!.score === r.score ? byScore[i - 1]!.rank : i + 1;
  });

  const order = input.order ?? (input.sort === 'score' ? 'desc' : 'asc');
  const direction = order === 'asc' ? 1 : -1;
  const compare =
    input.sort === 'name'
      ? (a: (typeof rows)[number], b: (typeof rows)[number]) =>
          direction * a.legalName.localeCompare(b.legalName, 'zh-CN')
      : (a: (typeof rows)[number], b: (typeof rows)[number]) => {
          // No score sorts last in either direction: "no data" is not a rank.
          if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? 0 : 1) : -1;
          return direction * (a.score - b.score) || a.legalName.localeCompare(b.legalName, 'zh-CN');
        };
  rows.sort(compare);
  const start = (input.page - 1) * input.pageSize;
  return {
    period: formatPeriod(input.period),
    /** The period has not ended in China Standard Time: scores and grades are provisional. */
    provisional: isProvisional(input.period, now),
    items: rows.slice(start, start + input.pageSize),
    total: rows.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}
