import { type Database, rowsOf, trainingNotices } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { sql } from 'drizzle-orm';
import { noticeReachesSql } from './audience.ts';

/**
 * The rule (decision record 029). A person owes a confirmation of a notice when the notice asks
 * for one, is not withdrawn, was published on or before the day looked at, reaches them, and they
 * were on the roster by its confirm-by date. The **confirmation rate** is confirmations made
 * (by that day) over confirmations owed, whether the confirm-by date has come yet or not: it is
 * the progress a partner administrator chases. A confirmation **overdue** is one owed, not made,
 * whose confirm-by date is before the day: only those count against training compliance.
 */
const owedPairs = (asOf: string) => sql`
  from training_people p
  join ${trainingNotices} n
    on n.requires_confirmation and n.withdrawn_at is null
    and ${noticeReachesSql}
    and p.start_date <= n.confirm_by
    and (n.published_at at time zone 'Asia/Shanghai')::date <= ${asOf}
  left join training_notice_receipts r on r.notice_id = n.id and r.person_id = p.id
    and (r.confirmed_at at time zone 'Asia/Shanghai')::date <= ${asOf}
  where p.removed_at is null and p.start_date <= ${asOf}`;

export interface ConfirmationFigure {
  owed: number;
  confirmed: number;
  overdue: number;
  /** confirmed / owed, 0–1; null when nothing is owed (no figure, not 100 %). */
  share: number | null;
}

const figure = (owed: number, confirmed: number, overdue: number): ConfirmationFigure => ({
  owed,
  confirmed,
  overdue,
  share: owed > 0 ? confirmed / owed : null,
});

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The confirmation figure of each of these partners on `asOf` (partners owing nothing are absent). */
export async function confirmationByPartner(db: Database, partnerIds: string[], asOf = todayInChina()) {
  const out = new Map<string, ConfirmationFigure>();
  if (partnerIds.length === 0) return out;
  type Row = { partner_id: string; owed: number; confirmed: number; overdue: number };
  const rows = await db.execute<Row>(sql`
    select p.partner_id, count(*)::int as owed, count(r.confirmed_at)::int as confirmed,
      count(*) filter (where r.confirmed_at is null and n.confirm_by < ${asOf})::int as overdue
    ${owedPairs(asOf)} and p.partner_id in (${idList(partnerIds)})
    group by p.partner_id`);
  for (const r of rowsOf<Row>(rows))
    out.set(r.partner_id, figure(Number(r.owed), Number(r.confirmed), Number(r.overdue)));
  return out;
}

export interface OverdueNotice {
  noticeId: string;
  titleZh: string;
  titleEn: string;
  confirmBy: string;
}

/** The people of a partner with a confirmation overdue on `asOf`, and which notices. */
export async function overdueNoticesByPerson(db: Database, partnerId: string, asOf = todayInChina()) {
  type Row = { person_id: string; notice_id: string; title_zh: string; title_en: string; confirm_by: string };
  const rows = await db.execute<Row>(sql`
    select p.id as person_id, n.id as notice_id, n.title_zh, n.title_en, n.confirm_by::text as confirm_by
    ${owedPairs(asOf)} and p.partner_id = ${partnerId}
      and r.confirmed_at is null and n.confirm_by < ${asOf}
    order by n.confirm_by, n.id`);
  const out = new Map<string, OverdueNotice[]>();
  for (const r of rowsOf<Row>(rows)) {
    const list = out.get(r.person_id) ?? [];
    list.push({ noticeId: r.notice_id, titleZh: r.title_zh, titleEn: r.title_en, confirmBy: r.confirm_by });
    out.set(r.person_id, list);
  }
  return out;
}

/** Per notice owed by a partner's people: how many owe it and how many confirmed (for its administrator). */
export async function confirmationByNotice(db: Database, partnerId: string, asOf = todayInChina()) {
  type Row = {
    notice_id: string;
    title_zh: string;
    title_en: string;
    confirm_by: string;
    owed: number;
    confirmed: number;
  };
  const rows = await db.execute<Row>(sql`
    select n.id as notice_id, n.title_zh, n.title_en, n.confirm_by::text as confirm_by,
      count(*)::int as owed, count(r.confirmed_at)::int as confirmed
    ${owedPairs(asOf)} and p.partner_id = ${partnerId}
    group by n.id, n.title_zh, n.title_en, n.confirm_by
    order by n.confirm_by desc, n.id`);
  return rowsOf<Row>(rows).map((r) => ({
    noticeId: r.notice_id,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    confirmBy: r.confirm_by,
    ...figure(Number(r.owed), Number(r.confirmed), 0),
  }));
}

/** For one notice: each partner it reaches, with people reached, reads and confirmations (staff detail). */
export async function noticeReachByPartner(db: Database, noticeId: string, asOf = todayInChina()) {
  type Row = { partner_id: string; legal_name: string; people: number; read: number; confirmed: number };
  const rows = await db.execute<Row>(sql`
    select p.partner_id, pa.legal_name, count(*)::int as people, count(r.read_at)::int as read,
      count(r.confirmed_at)::int as confirmed
    from training_people p
    join ${trainingNotices} n on n.id = ${noticeId} and ${noticeReachesSql}
    join partners pa on pa.id = p.partner_id
    left join training_notice_receipts r on r.notice_id = n.id and r.person_id = p.id
    where p.removed_at is null and p.start_date <= ${asOf}
    group by p.partner_id, pa.legal_name
    order by count(r.confirmed_at)::float / count(*) asc, pa.legal_name`);
  return rowsOf<Row>(rows).map((r) => ({
    partnerId: r.partner_id,
    legalName: r.legal_name,
    people: Number(r.people),
    read: Number(r.read),
    confirmed: Number(r.confirmed),
    share: Number(r.people) > 0 ? Number(r.confirmed) / Number(r.people) : null,
  }));
}

export interface OwedConfirmation {
  personId: string;
  noticeId: string;
  titleZh: string;
  titleEn: string;
  confirmBy: string;
  readAt: Date | null;
  confirmedAt: Date | null;
  status: 'confirmed' | 'pending' | 'overdue';
}

/**
 * Every confirmation a partner's people owe on `asOf` (optionally one person's), made or not,
 * with the first read: the notices part of the training records export. Status is by the rule
 * above: confirmed (by that day), overdue (confirm-by date before the day), else pending.
 */
export async function owedConfirmations(
  db: Database,
  partnerId: string,
  options: { personId?: string; asOf?: string } = {},
): Promise<OwedConfirmation[]> {
  const asOf = options.asOf ?? todayInChina();
  type Row = {
    person_id: string;
    notice_id: string;
    title_zh: string;
    title_en: string;
    confirm_by: string;
    read_ms: number | string | null;
    confirmed_ms: number | string | null;
  };
  const rows = await db.execute<Row>(sql`
    select p.id as person_id, n.id as notice_id, n.title_zh, n.title_en, n.confirm_by::text as confirm_by,
      (select extract(epoch from rr.read_at) * 1000 from training_notice_receipts rr
        where rr.notice_id = n.id and rr.person_id = p.id)::float8 as read_ms,
      (extract(epoch from r.confirmed_at) * 1000)::float8 as confirmed_ms
    ${owedPairs(asOf)} and p.partner_id = ${partnerId}
      ${options.personId ? sql`and p.id = ${options.personId}` : sql``}
    order by p.name, p.id, n.confirm_by, n.id`);
  const at = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));
  return rowsOf<Row>(rows).map((r) => ({
    personId: r.person_id,
    noticeId: r.notice_id,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    confirmBy: r.confirm_by,
    readAt: at(r.read_ms),
    confirmedAt: at(r.confirmed_ms),
    status: r.confirmed_ms !== null ? 'confirmed' : r.confirm_by < asOf ? 'overdue' : 'pending',
  }));
}
