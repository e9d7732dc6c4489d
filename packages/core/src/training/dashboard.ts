import {
  type Database,
  kpiMonthlyRollups,
  partners,
  rowsOf,
  serviceCategories,
  trainingPeople,
  trainingPortfolioMonths,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, gte, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { pageSize } from '../fields.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { yearProgress } from './compliance.ts';
import { confirmationByPartner, overdueNoticesByPerson } from './notices/confirmation-rates.ts';
import { maskStaffNumber } from './requirements.ts';

/**
 * The staff training dashboard reads the figures the daily `training-compliance` job writes into
 * the monthly KPI rollups (decision record 028): the dashboard, the scorecard's training KPI and
 * the quarterly review then agree by construction, and the page costs a few indexed reads however
 * many people the partners have. Only overdue people are counted live, for the partners shown.
 */
export const overviewInput = z.object({
  serviceCategory: z.enum(serviceCategories).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: pageSize(100).default(20),
});

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function monthsBack(day: string, n: number) {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 10);
}

/** People of these partners whose assignment's due date has passed without a completion, per partner. */
export async function overdueCounts(db: Database, partnerIds: string[], today: string) {
  if (partnerIds.length === 0) return new Map<string, number>();
  const rows = await db.execute<{ partner_id: string; n: number }>(sql`
    select p.partner_id, count(distinct p.id)::int as n
    from ${trainingPeople} p
    join training_assignments a
      on (a.target = 'person' and a.person_id = p.id)
      or (a.target = 'partner' and a.partner_id = p.partner_id)
      or (a.target = 'category' and a.service_category = p.service_category)
    where p.removed_at is null
      and p.partner_id in (${sql.join(
        partnerIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      and a.due_date < ${today}
      and not exists (
        select 1 from training_completions c where c.person_id = p.id and c.course_id = a.course_id
      )
    group by p.partner_id`);
  return new Map(rowsOf<{ partner_id: string; n: number }>(rows).map((r) => [r.partner_id, Number(r.n)]));
}

export interface TrainingOverviewRow {
  partnerId: string;
  legalName: string;
  serviceCategories: string[];
  people: number;
  meeting: number;
  /** Share of people on pace with their annual requirement, 0–1; null without a roster. */
  share: number | null;
  overduePeople: number;
  /** Notice confirmations made / owed by the partner's people (live); null when none is owed. */
  confirmationShare: number | null;
}

/**
 * Staff: training compliance per partner (worst first), per service category, the portfolio's
 * monthly trend over the last 12 months, the people overdue on an assignment and the notice
 * confirmation rate. Every figure is the daily job's (decision record 033), read in one statement:
 * a view is one round trip after the session's, however many people the partners have.
 */
export async function trainingOverview(
  db: Database,
  actor: Actor,
  raw: z.input<typeof overviewInput> = {},
  today = todayInChina(),
) {
  assertCan(actor, 'read:training:any');
  const input = parse(overviewInput, raw);
  const month = monthStart(today);
  const conditions: SQL[] = [eq(partners.status, 'active')];
  if (input.serviceCategory)
    conditions.push(sql`${input.serviceCategory} = any(${partners.serviceCategories})`);
  if (input.q) {
    const like = `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(partners.legalName, like), ilike(partners.creditCode, like)) as SQL);
  }
  type Figures = { people: number; meeting: number };
  type Row = {
    total: number;
    items: {
      partnerId: string;
      legalName: string;
      serviceCategories: string[];
      people: number;
      meeting: number;
      share: number | null;
      overduePeople: number;
      noticesOwed: number;
      noticesConfirmed: number;
    }[];
    sums: Figures;
    trend: (Figures & { month: string })[];
    byCategory: (Figures & { serviceCategory: string })[];
  };
  // The trend: the portfolio's stored months (all partners, or one category); a search sums the
  // months of the partners it found.
  const from = monthsBack(today, 11);
  const trendRows = input.q
    ? sql`select to_char(r.month, 'YYYY-MM') as month, sum(r.training_people)::int as people,
                 sum(r.training_met)::int as meeting
          from selected s join ${kpiMonthlyRollups} r on r.partner_id = s.id
          where r.month between ${from} and ${month} and r.training_people > 0
          group by r.month`
    : sql`select to_char(m.month, 'YYYY-MM') as month, m.people, m.met as meeting
          from ${trainingPortfolioMonths} m
          where m.service_category = ${input.serviceCategory ?? '*'} and m.month between ${from} and ${month}`;
  // The whole portfolio (no filter, the usual view): its sums and categories as the job stored
  // them for this month; a filtered view sums the partners it selected.
  const stored = !input.q && !input.serviceCategory;
  const sumsRow = stored
    ? sql`select json_build_object('people', coalesce(m.people, 0), 'meeting', coalesce(m.met, 0))
          from (select 1) one left join ${trainingPortfolioMonths} m
            on m.month = ${month} and m.service_category = '*'`
    : sql`select json_build_object('people', coalesce(sum(people), 0), 'meeting', coalesce(sum(meeting), 0))
          from current`;
  const categoryRows = stored
    ? sql`select m.service_category as "serviceCategory", m.people, m.met as meeting
          from ${trainingPortfolioMonths} m where m.month = ${month} and m.service_category <> '*'`
    : sql`select category as "serviceCategory", coalesce(sum(people), 0)::int as people,
                 coalesce(sum(meeting), 0)::int as meeting
          from current cross join unnest(service_categories) as category
          where people is not null
          group by category`;
  // Worst first; partners without a roster (no figure) last.
  const [row] = rowsOf<Row>(
    await db.execute(sql`
    with selected as (
      select ${partners.id} as id, ${partners.legalName} as legal_name,
             ${partners.serviceCategories} as service_categories
      from ${partners} where ${and(...conditions)}
    ), current as (
      select s.*, r.training_people as people, r.training_met as meeting,
             r.training_met::float / nullif(r.training_people, 0) as share,
             r.training_overdue as overdue, r.notices_owed, r.notices_confirmed
      from selected s
      left join ${kpiMonthlyRollups} r on r.partner_id = s.id and r.month = ${month}
    ), page as (
      select * from current order by share asc nulls last, legal_name, id
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}
    )
    select
      (select count(*)::int from selected) as total,
      coalesce((select json_agg(json_build_object(
          'partnerId', id, 'legalName', legal_name, 'serviceCategories', service_categories,
          'people', coalesce(people, 0), 'meeting', coalesce(meeting, 0), 'share', share,
          'overduePeople', coalesce(overdue, 0), 'noticesOwed', coalesce(notices_owed, 0),
          'noticesConfirmed', coalesce(notices_confirmed, 0))
        order by share asc nulls last, legal_name, id) from page), '[]') as items,
      (${sumsRow}) as sums,
      coalesce((select json_agg(t order by t.month) from (${trendRows}) t), '[]') as trend,
      coalesce((select json_agg(c order by c."serviceCategory") from (${categoryRows}) c), '[]')
        as "byCategory"`),
  );
  const { total, items, sums, trend, byCategory } = row!;
  const ratio = (met: number, people: number) => (people > 0 ? met / people : null);
  return {
    asOf: today,
    items: items.map(
      ({ noticesOwed, noticesConfirmed, ...i }): TrainingOverviewRow => ({
        ...i,
        confirmationShare: ratio(noticesConfirmed, noticesOwed),
      }),
    ),
    total,
    page: input.page,
    pageSize: input.pageSize,
    portfolio: { ...sums, share: ratio(sums.meeting, sums.people) },
    byCategory: byCategory.map((c) => ({ ...c, share: ratio(c.meeting, c.people) })),
    trend: trend.map((t) => ({ ...t, share: ratio(t.meeting, t.people) })),
  };
}

/**
 * One partner's people: this year's hours against the annual rule (and whether each is on pace),
 * and the assignments each is overdue on. Staff see any partner; a partner's administrator only
 * their own (a foreign partner id is "not found", as everywhere).
 */
export async function partnerTrainingDetail(
  db: Database,
  actor: Actor,
  partnerId: string,
  today = todayInChina(),
) {
  const ownPartner =
    actor.type === 'partner' && actor.partnerId === partnerId && can(actor, 'read:training:own');
  if (!ownPartner) assertCan(actor, 'read:training:any');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [partner] = await db
    .select({ id: partners.id, legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  const year = Number(today.slice(0, 4));
  const [full, paced, people, overdueRows, trend, overdueNotices, confirmation] = await Promise.all([
    yearProgress(db, partnerId, year, today),
    yearProgress(db, partnerId, year, today, { pace: true }),
    db
      .select({
        id: trainingPeople.id,
        staffNumber: trainingPeople.staffNumber,
        jobRole: trainingPeople.jobRole,
        startDate: trainingPeople.startDate,
      })
      .from(trainingPeople)
      .where(and(eq(trainingPeople.partnerId, partnerId), isNull(trainingPeople.removedAt))),
    db.execute<{
      person_id: string;
      course_id: string;
      due_date: string;
      title_zh: string;
      title_en: string;
    }>(sql`
      select p.id as person_id, a.course_id, min(a.due_date)::text as due_date, v.title_zh, v.title_en
      from ${trainingPeople} p
      join training_assignments a
        on (a.target = 'person' and a.person_id = p.id)
        or (a.target = 'partner' and a.partner_id = p.partner_id)
        or (a.target = 'category' and a.service_category = p.service_category)
      join training_courses k on k.id = a.course_id
      join training_course_versions v on v.id = k.current_version_id
      where p.removed_at is null and p.partner_id = ${partnerId} and a.due_date < ${today}
        and not exists (select 1 from training_completions c where c.person_id = p.id and c.course_id = a.course_id)
      group by p.id, a.course_id, v.title_zh, v.title_en
      order by due_date`),
    db
      .select({
        month: kpiMonthlyRollups.month,
        people: kpiMonthlyRollups.trainingPeople,
        meeting: kpiMonthlyRollups.trainingMet,
      })
      .from(kpiMonthlyRollups)
      .where(
        and(
          eq(kpiMonthlyRollups.partnerId, partnerId),
          gte(kpiMonthlyRollups.month, monthsBack(today, 11)),
          sql`${kpiMonthlyRollups.trainingPeople} > 0`,
        ),
      )
      .orderBy(kpiMonthlyRollups.month),
    overdueNoticesByPerson(db, partnerId, today),
    confirmationByPartner(db, [partnerId], today),
  ]);
  const onPace = new Map(paced.map((p) => [p.personId, p.met]));
  const info = new Map(people.map((p) => [p.id, p]));
  const overdue = new Map<
    string,
    { courseId: string; dueDate: string; titleZh: string; titleEn: string }[]
  >();
  for (const row of rowsOf<{
    person_id: string;
    course_id: string;
    due_date: string;
    title_zh: string;
    title_en: string;
  }>(overdueRows)) {
    const list = overdue.get(row.person_id) ?? [];
    list.push({
      courseId: row.course_id,
      dueDate: row.due_date,
      titleZh: row.title_zh,
      titleEn: row.title_en,
    });
    overdue.set(row.person_id, list);
  }
  const rows = full
    .map((p) => ({
      ...p,
      staffNumber: maskStaffNumber(info.get(p.personId)?.staffNumber ?? ''),
      jobRole: info.get(p.personId)?.jobRole ?? '',
      startDate: info.get(p.personId)?.startDate ?? '',
      // Meeting the requirements, as the KPI counts it: on pace and no confirmation overdue.
      onPace: (onPace.get(p.personId) ?? false) && !overdueNotices.has(p.personId),
      overdue: overdue.get(p.personId) ?? [],
      overdueNotices: overdueNotices.get(p.personId) ?? [],
    }))
    // Those who need attention first: overdue, then behind pace, then by name.
    .sort(
      (a, b) =>
        b.overdue.length - a.overdue.length ||
        Number(a.onPace) - Number(b.onPace) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  const meeting = rows.filter((r) => r.onPace).length;
  return {
    partner,
    asOf: today,
    year,
    people: rows,
    summary: { people: rows.length, meeting, share: rows.length ? meeting / rows.length : null },
    confirmation: confirmation.get(partnerId) ?? { owed: 0, confirmed: 0, overdue: 0, share: null },
    trend: trend.map((t) => ({
      month: t.month.slice(0, 7),
      people: t.people,
      meeting: t.meeting,
      share: t.people > 0 ? t.meeting / t.people : null,
    })),
  };
}
