import type { Database } from '@outpost/db';
import { sql } from 'drizzle-orm';
import type { RollupSums } from './kpi-values.ts';
import { preparedPerDatabase } from '../prepared.ts';
import { formatPeriod, type Period, periodDays, trailingQuarters } from './periods.ts';
import { sumsAsJson, toSums } from './rollup-sums.ts';
import type { KpiRule } from './score-partner.ts';

export interface ScorecardData {
  partner: { id: string; legalName: string; serviceCategories: string[]; status: string } | null;
  kpis: KpiRule[];
  own: RollupSums;
  byQuarter: Map<string, RollupSums>;
  peers: PeerDistribution;
}

/** The stored peer distribution of a period, for the partner's categories. */
export interface PeerDistribution {
  refreshedAt: Date | null;
  /** The partner's own score in the distribution (to leave out), if it is in it. */
  storedScore: number | null;
  /** Per category, the ascending scores of its ranked partners and whether the partner is one of them. */
  scores: Map<string, { scores: number[]; includesSelf: boolean }>;
}

// Drivers differ: postgres.js hands drizzle's raw results json as text, PGlite as objects.
const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

// Placeholders: the statements below are prepared once per connection (parsed and planned
// once, one round trip per read) and executed with these values.
const partnerId = sql.placeholder('partnerId');
const label = sql.placeholder('label');

const distributionColumns = {
  refreshedAt: sql<
    Date | string | null
  >`(select refreshed_at from peer_score_refreshes where period = ${label})`,
  storedScore: sql<number | string | null>`(select score from peer_scores
    where period = ${label} and partner_id = ${partnerId}::uuid)`,
  distributions: sql<unknown>`(select json_agg(json_build_object('category', d.category, 'scores', d.scores,
      'includesSelf', exists (select 1 from peer_scores s where s.period = d.period
        and s.partner_id = ${partnerId}::uuid and d.category = any(s.service_categories))))
    from peer_distributions d
    where d.period = ${label}
      and d.category in (select unnest(service_categories) from partners where id = ${partnerId}::uuid))`,
};

const months = (from: string, to: string) =>
  sql`partner_id = ${partnerId}::uuid and month >= ${sql.placeholder(from)}::date and month < ${sql.placeholder(to)}::date`;

const scorecardColumns = {
  partner: sql<unknown>`(select json_build_object('id', p.id, 'legalName', p.legal_name,
      'serviceCategories', p.service_categories, 'status', p.status)
    from partners p where p.id = ${partnerId}::uuid)`,
  kpis: sql<unknown>`(select json_agg(json_build_object(
      'key', k.key, 'nameZh', k.name_zh, 'nameEn', k.name_en, 'unit', k.unit,
      'computation', k.computation, 'direction', k.direction, 'target', k.target,
      'warningThreshold', k.warning_threshold, 'criticalThreshold', k.critical_threshold,
      'weight', k.weight, 'serviceCategories', k.service_categories)
      order by k.sort_order, k.key)
    from kpi_definitions k where k.active)`,
  own: sql<unknown>`(select ${sumsAsJson} from kpi_monthly_rollups where ${months('from', 'to')})`,
  trend: sql<unknown>`(select json_agg(q) from (
      select to_char(month, 'YYYY-"Q"Q') as quarter, ${sumsAsJson} as sums from kpi_monthly_rollups
      where ${months('trendFrom', 'trendTo')} group by 1) q)`,
  ...distributionColumns,
};

const one = sql`(select 1) as one`;
const scorecardStatement = preparedPerDatabase((db) =>
  db.select(scorecardColumns).from(one).prepare('scorecard_read'),
);
const distributionStatement = preparedPerDatabase((db) =>
  db.select(distributionColumns).from(one).prepare('peer_distribution_read'),
);

type DistributionRow = {
  refreshedAt: Date | string | null;
  storedScore: number | string | null;
  distributions: unknown;
};

function toDistribution(row: DistributionRow | undefined): PeerDistribution {
  const list =
    json<{ category: string; scores: number[]; includesSelf: boolean }[] | null>(row?.distributions) ?? [];
  return {
    refreshedAt: row?.refreshedAt ? new Date(row.refreshedAt) : null,
    storedScore: row?.storedScore === null || row?.storedScore === undefined ? null : Number(row.storedScore),
    scores: new Map(
      list.map((d) => [d.category, { scores: d.scores.map(Number), includesSelf: d.includesSelf }]),
    ),
  };
}

/**
 * Everything a scorecard shows, read in one statement: the partner, the active KPI
 * definitions, the period's sums, the trend's sums per quarter and the stored peer
 * distribution. One round trip, because this page is the one every partner keeps open.
 */
export async function readScorecardData(
  db: Database,
  partner: string,
  period: Period,
): Promise<ScorecardData> {
  const days = periodDays(period);
  const quarters = trailingQuarters(period);
  const [row] = await scorecardStatement(db).execute({
    partnerId: partner,
    label: formatPeriod(period),
    from: days.from,
    to: days.to,
    trendFrom: periodDays(quarters[0]!).from,
    trendTo: periodDays(quarters.at(-1)!).to,
  });
  const trend = json<{ quarter: string; sums: Parameters<typeof toSums>[0] }[] | null>(row?.trend) ?? [];
  return {
    partner: json<ScorecardData['partner']>(row?.partner) ?? null,
    kpis: json<KpiRule[] | null>(row?.kpis) ?? [],
    own: toSums(json(row?.own)),
    byQuarter: new Map(trend.map((q) => [q.quarter, toSums(q.sums)])),
    peers: toDistribution(row),
  };
}

/** The stored peer distribution alone (after a rebuild). */
export async function readPeerDistribution(db: Database, partner: string, period: Period) {
  const [row] = await distributionStatement(db).execute({
    partnerId: partner,
    label: formatPeriod(period),
  });
  return toDistribution(row);
}
