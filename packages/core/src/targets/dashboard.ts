import { type Database, partnerRegions, rowsOf, serviceCategories } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { alertResponseFigures, recentQuarters } from '../risk/response-figures.ts';
import { parse } from '../validation.ts';
import { satisfactionBaseline } from './baseline.ts';
import { currentCompliance } from './compliance-check.ts';
import { contractDeviationFigure } from './contract-deviation.ts';
import {
  type ComplianceReason,
  complianceReasons,
  meetsTarget,
  type TargetKey,
  targets,
} from './definitions.ts';
import { quarterSpan } from './quarters.ts';
import { responseByPartner } from './risk-response.ts';
import { meanRating, ratingSums, satisfactionChange } from './satisfaction.ts';

export const partnerSorts = ['name', 'compliance', 'satisfaction', 'risk_response'] as const;

export const targetDashboardInput = z.object({
  quarter: z.string().trim().optional(),
  serviceCategory: z.enum(serviceCategories).optional(),
  region: z.enum(partnerRegions).optional(),
  sort: z.enum(partnerSorts).default('compliance'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

export interface QuarterFigure {
  quarter: string;
  /** 0–1 (satisfaction: the change against the baseline); null: not yet measured. */
  value: number | null;
  met: boolean | null;
  running: boolean;
}

export interface TargetPartnerRow {
  partnerId: string;
  legalName: string;
  serviceCategories: string[];
  region: string | null;
  /** Null: the partner was not among the active partners measured that quarter. */
  reasons: ComplianceReason[] | null;
  meanRating: number | null;
  ratingChange: number | null;
  alertsDue: number;
  share24h: number | null;
  medianMinutes: number | null;
}

const order = (reasons: string[]) =>
  complianceReasons.filter((r) => reasons.includes(r)) as ComplianceReason[];

/**
 * The staff target dashboard (issue 16, decision record 046): the four quarterly targets for the
 * chosen quarter (default: the running one) with their 8-quarter trends, optionally for one service
 * category and/or region; the partners behind the compliance figure with their reasons; and a
 * partner table sortable by each figure. Past quarters' compliance is read from the quarterly
 * snapshots, the running quarter's live; satisfaction from the monthly rollups; risk response with
 * `alertResponseFigures`. A figure without data is null ("not yet measured").
 */
export async function targetDashboard(
  db: Database,
  actor: Actor,
  raw: z.input<typeof targetDashboardInput> = {},
  now = new Date(),
) {
  assertCan(actor, 'read:scorecard:any');
  const input = parse(targetDashboardInput, raw);
  const quarters = recentQuarters(now);
  const quarter = input.quarter || quarters[0]!;
  if (!quarters.includes(quarter)) {
    const message = 'Choose one of the last eight quarters.';
    throw new AppError('validation_failed', message, {
      details: { fields: [{ path: 'quarter', code: 'invalid', message }] },
    });
  }
  const oldestFirst = [...quarters].reverse();
  const spans = new Map(oldestFirst.map((q) => [q, quarterSpan(q, now)]));
  const filtered = input.serviceCategory !== undefined || input.region !== undefined;

  // The partners in view (any status: ratings and alerts of a partner since suspended still count).
  const partnerRows = rowsOf<{
    id: string;
    legalName: string;
    serviceCategories: string[];
    region: string | null;
    status: string;
  }>(
    await db.execute(sql`
      select id, legal_name as "legalName", service_categories as "serviceCategories", region, status
      from partners
      where status not in ('invited', 'applying')
        ${input.serviceCategory ? sql`and ${input.serviceCategory} = any(service_categories)` : sql``}
        ${input.region ? sql`and region = ${input.region}` : sql``}
      order by legal_name, id`),
  );
  const inView = new Set(partnerRows.map((p) => p.id));
  const ids = filtered ? partnerRows.map((p) => p.id) : null;

  const running = quarters[0]!;
  const [snapshots, live, baseline] = await Promise.all([
    db.execute(sql`
      select quarter, partner_id as "partnerId", reasons from target_compliance_snapshots
      where quarter in (${sql.join(
        oldestFirst.filter((q) => q !== running).map((q) => sql`${q}`),
        sql`, `,
      )})`),
    currentCompliance(db, spans.get(running)!.lastDay, now),
    satisfactionBaseline(db),
  ]);
  const compliance = new Map<string, Map<string, string[]>>();
  for (const r of rowsOf<{ quarter: string; partnerId: string; reasons: string[] }>(snapshots)) {
    if (!inView.has(r.partnerId)) continue;
    const m = compliance.get(r.quarter) ?? new Map<string, string[]>();
    m.set(r.partnerId, r.reasons);
    compliance.set(r.quarter, m);
  }
  compliance.set(
    running,
    new Map(live.filter((r) => inView.has(r.partnerId)).map((r) => [r.partnerId, r.reasons])),
  );

  const ratingQuarters = baseline && !quarters.includes(baseline) ? [...oldestFirst, baseline] : oldestFirst;
  const [ratings, responses, partnerResponse, deviations] = await Promise.all([
    ratingSums(db, ratingQuarters, ids),
    Promise.all(
      oldestFirst.map((q) => {
        const s = spans.get(q)!;
        return alertResponseFigures(db, { from: s.from, to: s.to, ...(ids ? { partnerIds: ids } : {}) }, now);
      }),
    ),
    responseByPartner(db, { from: spans.get(quarter)!.from, to: spans.get(quarter)!.to }, ids, now),
    Promise.all(oldestFirst.map((q) => contractDeviationFigure(db, q, ids ?? undefined))),
  ]);
  const baselineMean = baseline ? meanRating(ratings.byQuarter.get(baseline)) : null;

  const figure = (key: TargetKey, q: string, value: number | null): QuarterFigure => ({
    quarter: q,
    value,
    met: meetsTarget(key, value),
    running: spans.get(q)!.running,
  });
  const trend = {
    compliance: oldestFirst.map((q) => {
      const m = compliance.get(q);
      const total = m?.size ?? 0;
      const ok = m ? [...m.values()].filter((r) => r.length === 0).length : 0;
      return { ...figure('compliance', q, total > 0 ? ok / total : null), partners: total, compliant: ok };
    }),
    contract_deviation: oldestFirst.map((q, i) =>
      figure('contract_deviation', q, deviations[i]?.value ?? null),
    ),
    satisfaction: oldestFirst.map((q) => {
      const mean = meanRating(ratings.byQuarter.get(q));
      return {
        ...figure('satisfaction', q, satisfactionChange(mean, baselineMean)),
        meanRating: mean,
        ratings: ratings.byQuarter.get(q)?.ratingsCount ?? 0,
      };
    }),
    risk_response: oldestFirst.map((q, i) => {
      const t = responses[i]!.total;
      return { ...figure('risk_response', q, t.share24h), due: t.due, medianMinutes: t.medianMinutes };
    }),
  };
  const at = <T extends { quarter: string }>(list: T[]) => list.find((x) => x.quarter === quarter)!;

  const chosen = compliance.get(quarter) ?? new Map<string, string[]>();
  const rows: TargetPartnerRow[] = partnerRows
    .filter(
      (p) => chosen.has(p.id) || ratings.byPartner.has(`${quarter}|${p.id}`) || partnerResponse.has(p.id),
    )
    .map((p) => {
      const mean = meanRating(ratings.byPartner.get(`${quarter}|${p.id}`));
      const own = baseline ? meanRating(ratings.byPartner.get(`${baseline}|${p.id}`)) : null;
      const r = partnerResponse.get(p.id);
      const reasons = chosen.get(p.id);
      return {
        partnerId: p.id,
        legalName: p.legalName,
        serviceCategories: p.serviceCategories,
        region: p.region,
        reasons: reasons ? order(reasons) : null,
        meanRating: mean === null ? null : Math.round(mean * 100) / 100,
        ratingChange: satisfactionChange(mean, own),
        alertsDue: r?.due ?? 0,
        share24h: r?.share24h ?? null,
        medianMinutes: r?.medianMinutes ?? null,
      };
    });
  sortRows(rows, input.sort, input.dir);

  return {
    quarter,
    quarters,
    filters: { serviceCategory: input.serviceCategory ?? null, region: input.region ?? null },
    sort: input.sort,
    dir: input.dir,
    baseline,
    baselineMeanRating: baselineMean,
    targets,
    current: {
      compliance: at(trend.compliance),
      contract_deviation: at(trend.contract_deviation),
      satisfaction: at(trend.satisfaction),
      risk_response: at(trend.risk_response),
    },
    trend,
    nonCompliant: rows
      .filter((r) => r.reasons !== null && r.reasons.length > 0)
      .sort((a, b) => b.reasons!.length - a.reasons!.length || a.legalName.localeCompare(b.legalName)),
    partners: rows,
  };
}

// One collator for every comparison: `localeCompare(…, 'zh-CN')` builds one per call, ten times slower.
const byName = new Intl.Collator('zh-CN');

/** Sorted by the chosen figure, partners without it last either way, then by name. */
function sortRows(rows: TargetPartnerRow[], sort: (typeof partnerSorts)[number], dir: 'asc' | 'desc') {
  const key = (r: TargetPartnerRow): number | string | null => {
    switch (sort) {
      case 'name':
        return r.legalName;
      case 'compliance':
        return r.reasons === null ? null : -r.reasons.length;
      case 'satisfaction':
        return r.meanRating;
      case 'risk_response':
        return r.share24h;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null && kb !== null) return 1;
    if (kb === null && ka !== null) return -1;
    if (ka !== null && kb !== null && ka !== kb) {
      return (
        sign *
        (typeof ka === 'string' ? byName.compare(ka, kb as string) : (ka as number) < (kb as number) ? -1 : 1)
      );
    }
    return byName.compare(a.legalName, b.legalName);
  });
}
