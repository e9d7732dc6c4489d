import {
  type Database,
  kpiMonthlyRollups,
  partners,
  rowsOf,
  serviceCategories,
  trainingPeople,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, count, eq, gte, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
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
async function overdueCounts(db: Database, partnerIds: string[], today: string) {
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
 * monthly trend over the last 12 months, and the people overdue on an assignment.
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
  const where = and(...conditions);
  const current = and(eq(kpiMonthlyRollups.partnerId, partners.id), eq(kpiMonthlyRollups.month, month));
  // Worst first; partners without a roster (no figure) last.
  const share = sql<
    number | null
  >`${kpiMonthlyRollups.trainingMet}::float / nullif(${kpiMonthlyRollups.trainingPeople}, 0)`;
  const [items, [total], [sums], trend] = await Promise.all([
    db
      .select({
        partnerId: partners.id,
        legalName: partners.legalName,
        serviceCategories: partners.serviceCategories,
        people: sql<number>`coalesce(${kpiMonthlyRollups.trainingPeople}, 0)`,
        meeting: sql<number>`coalesce(${kpiMonthlyRollups.trainingMet}, 0)`,
        share,
      })
      .from(partners)
      .leftJoin(kpiMonthlyRollups, current)
      .where(where)
      .orderBy(sql`${share} asc nulls last`, asc(partners.legalName))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(partners).where(where),
    db
      .select({
        people: sql<number>`coalesce(sum(${kpiMonthlyRollups.trainingPeople}), 0)::int`,
        meeting: sql<number>`coalesce(sum(${kpiMonthlyRollups.trainingMet}), 0)::int`,
      })
      .from(partners)
      .innerJoin(kpiMonthlyRollups, current)
      .where(where),
    db
      .select({
        month: kpiMonthlyRollups.month,
        people: sql<number>`sum(${kpiMonthlyRollups.trainingPeople})::int`,
        meeting: sql<number>`sum(${kpiMonthlyRollups.trainingMet})::int`,
      })
      .from(partners)
      .innerJoin(kpiMonthlyRollups, eq(kpiMonthlyRollups.partnerId, partners.id))
      .where(
        and(
          where,
          gte(kpiMonthlyRollups.month, monthsBack(today, 11)),
          lte(kpiMonthlyRollups.month, month),
          sql`${kpiMonthlyRollups.trainingPeople} > 0`,
        ),
      )
      .groupBy(kpiMonthlyRollups.month)
      .orderBy(kpiMonthlyRollups.month),
  ]);
  const [overdue, confirmation] = await Promise.all([
    overdueCounts(
      db,
      items.map((i) => i.partnerId),
      today,
    ),
    confirmationByPartner(
      db,
      items.map((i) => i.partnerId),
      today,
    ),
  ]);
  const byCategory = await db
    .select({
      serviceCategory: sql<string>`c.category`,
      people: sql<number>`coalesce(sum(${kpiMonthlyRollups.trainingPeople}), 0)::int`,
      meeting: sql<number>`coalesce(sum(${kpiMonthlyRollups.trainingMet}), 0)::int`,
    })
    .from(partners)
    .innerJoin(kpiMonthlyRollups, current)
    .innerJoin(sql`unnest(${partners.serviceCategories}) as c(category)`, sql`true`)
    .where(where)
    .groupBy(sql`c.category`)
    .orderBy(sql`c.category`);
  const ratio = (met: number, people: number) => (people > 0 ? met / people : null);
  return {
    asOf: today,
    items: items.map(
      (i): TrainingOverviewRow => ({
        ...i,
        people: Number(i.people),
        meeting: Number(i.meeting),
        share: i.share === null ? null : Number(i.share),
        overduePeople: overdue.get(i.partnerId) ?? 0,
        confirmationShare: confirmation.get(i.partnerId)?.share ?? null,
      }),
    ),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    portfolio: {
      people: sums?.people ?? 0,
      meeting: sums?.meeting ?? 0,
      share: ratio(sums?.meeting ?? 0, sums?.people ?? 0),
    },
    byCategory: byCategory.map((c) => ({ ...c, share: ratio(c.meeting, c.people) })),
    trend: trend.map((t) => ({
      month: t.month.slice(0, 7),
      people: t.people,
      meeting: t.meeting,
      share: ratio(t.meeting, t.people),
    })),
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
