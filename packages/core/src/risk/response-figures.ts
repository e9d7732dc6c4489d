import { todayInChina } from '@outpost/i18n';
import { type Database, riskLevels } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { formatPeriod, periodDays, quarterOf } from '../performance/periods.ts';
import { assertCan } from '../permissions.ts';
import { parseQuarter, quarterText } from '../reviews/quarters.ts';
import { parse } from '../validation.ts';

type Level = (typeof riskLevels)[number];

/** One cell of the response figures: a level and a month, a level over the range, or everything. */
export interface ResponseFigure {
  /** Alerts that can be judged: answered, or past their deadline unanswered. */
  due: number;
  /** Answered (acknowledged, or resolved or dismissed by a person) at all. */
  responded: number;
  withinDeadline: number;
  within24h: number;
  /** Still open and not yet past their deadline: not counted either way. */
  pending: number;
  /** withinDeadline / due, or null when nothing is due. */
  share: number | null;
  /** Answered within 24 h of being raised / due (issue 16's target figure), or null. */
  share24h: number | null;
  /** Median minutes from raised to the first response, over those answered; null when none. */
  medianMinutes: number | null;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the day as 2026-10-01.');
const rangeInput = z.object({ from: day, to: day });

/**
 * The response figures behind the ≤ 24 h target (decision record 036), for alerts RAISED in the
 * half-open range of China days [from, to) — a quarter is `periodDays(parsePeriod('2026-Q4'))`.
 *
 * An alert's response is its first human answer: the acknowledgement, else a resolution or a
 * dismissal by a person. It counts (is "due") once answered or once its deadline has passed; one
 * the system closed because the condition cleared before the deadline, unanswered, is left out
 * (nobody needed to respond), and so is one still open before its deadline (pending).
 * Months are China months of the raised time. One statement, grouped three ways.
 */
export async function alertResponseFigures(
  db: Database,
  range: { from: string; to: string; partnerIds?: string[] },
  now = new Date(),
) {
  const { from, to } = parse(rangeInput, range);
  const result = await db.execute<{
    level: Level | null;
    month: string | null;
    due: number;
    responded: number;
    within_deadline: number;
    within_24h: number;
    pending: number;
    median_minutes: number | null;
  }>(sql`
    with ${judgedAlerts({ from, to }, now, range.partnerIds)}
    select level, month,
      count(*) filter (where due)::int as due,
      count(*) filter (where responded_at is not null)::int as responded,
      count(*) filter (where responded_at <= response_deadline)::int as within_deadline,
      count(*) filter (where responded_at <= raised_at + interval '24 hours')::int as within_24h,
      count(*) filter (where not due and not closed_unneeded)::int as pending,
      percentile_cont(0.5) within group (order by extract(epoch from responded_at - raised_at) / 60)
        filter (where responded_at is not null) as median_minutes
    from j
    group by grouping sets ((level, month), (level), ())
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    level: Level | null;
    month: string | null;
    due: number;
    responded: number;
    within_deadline: number;
    within_24h: number;
    pending: number;
    median_minutes: number | string | null;
  }[];
  const figure = (r: (typeof rows)[number] | undefined): ResponseFigure => {
    const due = Number(r?.due ?? 0);
    const withinDeadline = Number(r?.within_deadline ?? 0);
    const within24h = Number(r?.within_24h ?? 0);
    const median = r?.median_minutes;
    return {
      due,
      responded: Number(r?.responded ?? 0),
      withinDeadline,
      within24h,
      pending: Number(r?.pending ?? 0),
      share: due > 0 ? withinDeadline / due : null,
      share24h: due > 0 ? within24h / due : null,
      medianMinutes: median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10,
    };
  };
  const months = monthsBetween(from, to);
  const byMonth = new Map(rows.filter((r) => r.level && r.month).map((r) => [`${r.level}|${r.month}`, r]));
  const byLevel = new Map(rows.filter((r) => r.level && !r.month).map((r) => [r.level!, r]));
  const total = rows.find((r) => r.level === null && r.month === null);
  return {
    from,
    to,
    months,
    levels: riskLevels.map((level) => ({
      level,
      total: figure(byLevel.get(level)),
      months: months.map((month) => ({ month, ...figure(byMonth.get(`${level}|${month}`)) })),
    })),
    total: figure(total),
  };
}

/**
 * The CTEs `a` and `j` behind every response figure: the alerts raised in [from, to) (China days),
 * optionally of some partners only, each with its first human response and whether it is due.
 * Shared with the target dashboard (targets/risk-response.ts) so both count alike.
 */
export function judgedAlerts(range: { from: string; to: string }, now: Date, partnerIds?: string[]) {
  const partnerFilter =
    partnerIds === undefined ? sql`` : sql`and partner_id = any(${`{${partnerIds.join(',')}}`}::uuid[])`;
  return sql`a as (
      select partner_id, level, raised_at, response_deadline,
        to_char(raised_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
        coalesce(acknowledged_at, case when resolved_by is not null then resolved_at end, dismissed_at) as responded_at,
        (resolved_by is null and resolved_at is not null and resolved_at <= response_deadline
          and acknowledged_at is null) as closed_unneeded
      from risk_alerts
      where raised_at >= (${range.from}::timestamp at time zone 'Asia/Shanghai')
        and raised_at < (${range.to}::timestamp at time zone 'Asia/Shanghai')
        ${partnerFilter}
    ), j as (
      select *, (responded_at is not null
          or (response_deadline < ${now.toISOString()}::timestamptz and not closed_unneeded)) as due
      from a
    )`;
}

/** `YYYY-MM` of every month the half-open day range touches, oldest first. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  const endsOnFirst = to.slice(8) === '01';
  for (let i = 0; i < 240; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last || (key === last && endsOnFirst)) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The last `months` China months up to and including this one, as a day range for the figures. */
export function lastMonthsRange(months: number, now = new Date()): { from: string; to: string } {
  const today = todayInChina(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const start = y * 12 + (m - 1) - (months - 1);
  const end = y * 12 + m;
  const iso = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
  return { from: iso(start), to: iso(end) };
}

/** The current quarter and the seven before it, newest first: the dashboard's choices. */
export function recentQuarters(now = new Date(), count = 8): string[] {
  const q = quarterOf(now);
  const n = q.year * 4 + q.index - 1;
  return Array.from({ length: count }, (_, i) =>
    formatPeriod({ kind: 'quarter', year: Math.floor((n - i) / 4), index: ((n - i) % 4) + 1 }),
  );
}

/**
 * The staff dashboard's read, for those who read risk: one quarter (`2026-Q4`, the ≤ 24 h target's
 * period) or, by default, the last 12 months. A quarter outside the choices is refused (422).
 */
export async function riskResponseDashboard(
  db: Database,
  actor: Actor,
  input: { months?: number; quarter?: string } = {},
  now = new Date(),
) {
  assertCan(actor, 'read:risk');
  const quarters = recentQuarters(now);
  if (input.quarter !== undefined) {
    const quarter = parse(quarterText, input.quarter);
    if (!quarters.includes(quarter)) {
      throw new AppError('validation_failed', 'Choose one of the last eight quarters.', {
        details: {
          fields: [{ path: 'quarter', code: 'invalid', message: 'Choose one of the last eight quarters.' }],
        },
      });
    }
    return { quarter, quarters, ...(await alertResponseFigures(db, periodDays(parseQuarter(quarter)), now)) };
  }
  const months = Math.min(Math.max(Math.trunc(input.months ?? 12), 1), 36);
  return { quarter: null, quarters, ...(await alertResponseFigures(db, lastMonthsRange(months, now), now)) };
}
