import { type Database, rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { alertResponseFigures, recentQuarters } from '../risk/response-figures.ts';
import { satisfactionBaseline } from '../targets/baseline.ts';
import { contractDeviationFigure } from '../targets/contract-deviation.ts';
import { meetsTarget, type TargetKey, targetKeys } from '../targets/definitions.ts';
import { quarterSpan } from '../targets/quarters.ts';
import { meanRating, ratingSums, satisfactionChange } from '../targets/satisfaction.ts';

/** How many partners, rectification items, alerts and incidents a report names (the rest are counted). */
export const NOTABLE = 5;

export interface ReportTargetFigure {
  quarter: string;
  /** 0–1 (satisfaction: the change against the baseline); null: not yet measured. */
  value: number | null;
  met: boolean | null;
}

export interface QuarterlyReportData {
  quarter: string;
  /** The report's 8 quarters, oldest first, ending with `quarter`. */
  quarters: string[];
  /** Each target's figure per quarter (same order as `quarters`). */
  targets: Record<TargetKey, ReportTargetFigure[]>;
  baseline: string | null;
  /** Partners whose review score changed most against the quarter before, largest change first. */
  movers: { partnerName: string; previous: number; current: number; change: number; grade: string | null }[];
  admissions: { partnerName: string; decidedAt: string }[];
  /**
   * The quarter's exits, by date: the termination cases (decision 049) effective in the quarter and
   * approved or completed, with their source, type, reason and successor; and the partners that left
   * without one — a `partner.status_changed` to exiting or terminated in the audit log in the
   * quarter (older data, a direct change), for a partner with no approved or completed case
   * (decision 061).
   */
  exits: ReportExit[];
  rectifications: {
    open: number;
    overdue: number;
    notable: { partnerName: string; description: string; dueDate: string }[];
  };
  alerts: {
    total: number;
    byLevel: Record<'notice' | 'warning' | 'critical', number>;
    notable: {
      partnerName: string;
      ruleNameZh: string;
      ruleNameEn: string;
      level: string;
      raisedAt: string;
      status: string;
    }[];
  };
  incidents: {
    total: number;
    bySeverity: Record<'notice' | 'warning' | 'critical', number>;
    notable: { partnerName: string; title: string; severity: string; status: string; openedAt: string }[];
  };
}

export interface ReportExit {
  partnerName: string;
  /** `terminated` (case completed), `exiting` (case approved, not yet completed), or the audit log's status. */
  status: 'exiting' | 'terminated';
  /** China day: the case's effective date, or the day of the status change. */
  date: string;
  /** Where the exit is recorded: a termination case, or only a status change in the audit log. */
  recordedBy: 'termination_case' | 'status_change';
  /** The case's source, type and reason (null without a case). */
  source: string | null;
  type: string | null;
  reason: string | null;
  /** The successor named on the case, when one is. */
  successorName: string | null;
}

/** The instant a China day begins (quarter boundaries are China midnights). */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * Everything the quarterly management report shows, read from the live records of a closed quarter
 * (decision record 051). The four targets come from the same pieces as the target dashboard
 * (decision record 046): compliance from the quarter-end snapshots, deviation from the execution
 * evaluation, satisfaction from the monthly rollups against the baseline, risk response from
 * `alertResponseFigures`. A figure without data is null, which the report prints as "not yet
 * measured". Rectifications are those open at the quarter's end; alerts and incidents those raised
 * or opened in it.
 */
export async function quarterlyReportData(
  db: Database,
  quarter: string,
  now = new Date(),
): Promise<QuarterlyReportData> {
  const span = quarterSpan(quarter, now);
  const quarters = recentQuarters(chinaMidnight(span.from)).reverse();
  // As text with a cast: postgres.js takes no Date as a raw SQL parameter (PGlite does).
  const start = sql`${chinaMidnight(span.from).toISOString()}::timestamptz`;
  const end = sql`${chinaMidnight(span.to).toISOString()}::timestamptz`;
  const baseline = await satisfactionBaseline(db);

  const [snapshots, deviations, ratings, responses] = await Promise.all([
    db.execute(sql`
      select quarter, count(*)::int as partners,
        count(*) filter (where cardinality(reasons) = 0)::int as compliant
      from target_compliance_snapshots
      where quarter in (${sql.join(
        quarters.map((q) => sql`${q}`),
        sql`, `,
      )})
      group by quarter`),
    Promise.all(quarters.map((q) => contractDeviationFigure(db, q))),
    ratingSums(db, baseline && !quarters.includes(baseline) ? [...quarters, baseline] : quarters, null),
    Promise.all(
      quarters.map((q) => {
        const s = quarterSpan(q, now);
        return alertResponseFigures(db, { from: s.from, to: s.to }, now);
      }),
    ),
  ]);
  const compliance = new Map(
    rowsOf<{ quarter: string; partners: number; compliant: number }>(snapshots).map((r) => [
      r.quarter,
      r.partners > 0 ? r.compliant / r.partners : null,
    ]),
  );
  const baselineMean = baseline ? meanRating(ratings.byQuarter.get(baseline)) : null;
  const values: Record<TargetKey, (number | null)[]> = {
    compliance: quarters.map((q) => compliance.get(q) ?? null),
    contract_deviation: deviations.map((d) => d?.value ?? null),
    satisfaction: quarters.map((q) => satisfactionChange(meanRating(ratings.byQuarter.get(q)), baselineMean)),
    risk_response: responses.map((r) => r.total.share24h),
  };
  const targets = Object.fromEntries(
    targetKeys.map((key) => [
      key,
      quarters.map((q, i) => ({
        quarter: q,
        value: values[key][i]!,
        met: meetsTarget(key, values[key][i]!),
      })),
    ]),
  ) as Record<TargetKey, ReportTargetFigure[]>;

  const previous = quarters.at(-2)!;
  const [movers, admissions, exits, rectifications, alerts, incidents] = await Promise.all([
    db.execute(sql`
      select p.legal_name as "partnerName", b.score as previous, a.score as current,
        a.score - b.score as change, a.grade
      from quarterly_reviews a
      join quarterly_reviews b on b.partner_id = a.partner_id and b.quarter = ${previous}
      join partners p on p.id = a.partner_id
      where a.quarter = ${quarter} and a.score is not null and b.score is not null
      order by abs(a.score - b.score) desc, p.legal_name
      limit ${NOTABLE}`),
    db.execute(sql`
      select p.legal_name as "partnerName", a.decided_at as "decidedAt"
      from applications a join partners p on p.id = a.partner_id
      where a.status = 'approved' and a.decided_at >= ${start} and a.decided_at < ${end}
      order by a.decided_at, p.legal_name`),
    // Exits: the termination cases effective in the quarter (approved or completed; a withdrawn
    // or rejected case is no exit), then the partners that left without a case (decision 061).
    db.execute(sql`
      select p.legal_name as "partnerName",
        case c.status when 'completed' then 'terminated' else 'exiting' end as status,
        c.effective_date::text as date, 'termination_case' as "recordedBy", c.source, c.type,
        c.reason, s.legal_name as "successorName"
      from termination_cases c
        join partners p on p.id = c.partner_id
        left join partners s on s.id = c.successor_partner_id
      where c.status in ('approved', 'completed')
        and c.effective_date >= ${span.from}::date and c.effective_date < ${span.to}::date
      union all
      select * from (
        select distinct on (l.partner_id) p.legal_name, l.data->>'to',
          -- The China day (UTC+8, no daylight saving), whatever the session's time zone.
          to_char((l.at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD'), 'status_change',
          null::text, null::text, null::text, null::text
        from audit_log l join partners p on p.id = l.partner_id
        where l.action = 'partner.status_changed' and l.data->>'to' in ('exiting', 'terminated')
          and l.at >= ${start} and l.at < ${end}
          and not exists (
            select 1 from termination_cases c
            where c.partner_id = l.partner_id and c.status in ('approved', 'completed'))
        order by l.partner_id, l.at desc
      ) legacy`),
    db.execute(sql`
      select p.legal_name as "partnerName", r.description, r.due_date::text as "dueDate",
        count(*) over ()::int as open,
        count(*) filter (where r.due_date < ${span.to}::date) over ()::int as overdue
      from rectification_items r join partners p on p.id = r.partner_id
      where r.created_at < ${end} and (r.verified_at is null or r.verified_at >= ${end})
      order by r.due_date, p.legal_name
      limit ${NOTABLE}`),
    db.execute(sql`
      select p.legal_name as "partnerName", coalesce(a.rule_snapshot->>'nameZh', '') as "ruleNameZh",
        coalesce(a.rule_snapshot->>'nameEn', '') as "ruleNameEn", a.level, a.raised_at as "raisedAt",
        a.status, count(*) over ()::int as total,
        count(*) filter (where a.level = 'notice') over ()::int as notice,
        count(*) filter (where a.level = 'warning') over ()::int as warning,
        count(*) filter (where a.level = 'critical') over ()::int as critical
      from risk_alerts a join partners p on p.id = a.partner_id
      where a.raised_at >= ${start} and a.raised_at < ${end}
      order by case a.level when 'critical' then 0 when 'warning' then 1 else 2 end, a.raised_at, p.legal_name
      limit ${NOTABLE}`),
    db.execute(sql`
      select coalesce(p.legal_name, '') as "partnerName", i.title, i.severity, i.status,
        i.opened_at as "openedAt", count(*) over ()::int as total,
        count(*) filter (where i.severity = 'notice') over ()::int as notice,
        count(*) filter (where i.severity = 'warning') over ()::int as warning,
        count(*) filter (where i.severity = 'critical') over ()::int as critical
      from risk_incidents i left join partners p on p.id = i.partner_id
      where i.opened_at >= ${start} and i.opened_at < ${end}
      order by case i.severity when 'critical' then 0 when 'warning' then 1 else 2 end, i.opened_at
      limit ${NOTABLE}`),
  ]);

  const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
  const rect = rowsOf<{
    partnerName: string;
    description: string;
    dueDate: string;
    open: number;
    overdue: number;
  }>(rectifications);
  const alertRows = rowsOf<{
    partnerName: string;
    ruleNameZh: string;
    ruleNameEn: string;
    level: string;
    raisedAt: unknown;
    status: string;
    total: number;
    notice: number;
    warning: number;
    critical: number;
  }>(alerts);
  const incidentRows = rowsOf<{
    partnerName: string;
    title: string;
    severity: string;
    status: string;
    openedAt: unknown;
    total: number;
    notice: number;
    warning: number;
    critical: number;
  }>(incidents);
  const levels = (r: { notice: number; warning: number; critical: number } | undefined) => ({
    notice: r?.notice ?? 0,
    warning: r?.warning ?? 0,
    critical: r?.critical ?? 0,
  });
  return {
    quarter,
    quarters,
    targets,
    baseline,
    movers: rowsOf<{
      partnerName: string;
      previous: number;
      current: number;
      change: number;
      grade: string | null;
    }>(movers).map((m) => ({
      ...m,
      previous: Number(m.previous),
      current: Number(m.current),
      change: Number(m.change),
    })),
    admissions: rowsOf<{ partnerName: string; decidedAt: unknown }>(admissions).map((a) => ({
      partnerName: a.partnerName,
      decidedAt: iso(a.decidedAt),
    })),
    exits: rowsOf<ReportExit>(exits).sort(
      (a, b) => a.date.localeCompare(b.date) || a.partnerName.localeCompare(b.partnerName),
    ),
    rectifications: {
      open: rect[0]?.open ?? 0,
      overdue: rect[0]?.overdue ?? 0,
      notable: rect.map(({ partnerName, description, dueDate }) => ({ partnerName, description, dueDate })),
    },
    alerts: {
      total: alertRows[0]?.total ?? 0,
      byLevel: levels(alertRows[0]),
      notable: alertRows.map((a) => ({
        partnerName: a.partnerName,
        ruleNameZh: a.ruleNameZh,
        ruleNameEn: a.ruleNameEn,
        level: a.level,
        raisedAt: iso(a.raisedAt),
        status: a.status,
      })),
    },
    incidents: {
      total: incidentRows[0]?.total ?? 0,
      bySeverity: levels(incidentRows[0]),
      notable: incidentRows.map((i) => ({
        partnerName: i.partnerName,
        title: i.title,
        severity: i.severity,
        status: i.status,
        openedAt: iso(i.openedAt),
      })),
    },
  };
}
