import { type Database, partners, trainingNotices, trainingPeople } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { asc, count, desc, eq, ilike, or } from 'drizzle-orm';
import type { Actor } from '../../actor.ts';
import { notFound } from '../../errors.ts';
import { assertCan, can } from '../../permissions.ts';
import { isUuid } from '../../validation.ts';
import { confirmationByNotice, confirmationByPartner, noticeReachByPartner } from './confirmation-rates.ts';

/** Notices for staff, newest first; search by title in either language. */
export async function listNotices(
  db: Database,
  actor: Actor,
  options: { search?: string; page?: number; pageSize?: number } = {},
) {
  assertCan(actor, 'manage:training');
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const search = options.search?.trim().replace(/[\\%_]/g, '\\$&');
  const where = search
    ? or(ilike(trainingNotices.titleZh, `%${search}%`), ilike(trainingNotices.titleEn, `%${search}%`))
    : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: trainingNotices.id,
        kind: trainingNotices.kind,
        titleZh: trainingNotices.titleZh,
        titleEn: trainingNotices.titleEn,
        target: trainingNotices.target,
        serviceCategory: trainingNotices.serviceCategory,
        partnerName: partners.legalName,
        personName: trainingPeople.name,
        requiresConfirmation: trainingNotices.requiresConfirmation,
        confirmBy: trainingNotices.confirmBy,
        publishedAt: trainingNotices.publishedAt,
        withdrawnAt: trainingNotices.withdrawnAt,
      })
      .from(trainingNotices)
      .leftJoin(partners, eq(partners.id, trainingNotices.partnerId))
      .leftJoin(trainingPeople, eq(trainingPeople.id, trainingNotices.personId))
      .where(where)
      .orderBy(desc(trainingNotices.publishedAt), asc(trainingNotices.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(trainingNotices).where(where),
  ]);
  return { notices: rows, total: total?.n ?? 0, page, pageSize };
}

/** One notice for staff, with each partner it reaches and how many of its people read and confirmed it. */
export async function noticeForStaff(db: Database, actor: Actor, noticeId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(noticeId)) throw notFound('Notice');
  const [row] = await db
    .select({ notice: trainingNotices, partnerName: partners.legalName, personName: trainingPeople.name })
    .from(trainingNotices)
    .leftJoin(partners, eq(partners.id, trainingNotices.partnerId))
    .leftJoin(trainingPeople, eq(trainingPeople.id, trainingNotices.personId))
    .where(eq(trainingNotices.id, noticeId));
  if (!row) throw notFound('Notice');
  return {
    ...row.notice,
    partnerName: row.partnerName,
    personName: row.personName,
    partners: await noticeReachByPartner(db, noticeId),
  };
}

/**
 * A partner's confirmation figure and its notices one by one: staff for any partner, a partner's
 * administrator for their own only (another partner's id is "not found").
 */
export async function partnerNoticeConfirmation(
  db: Database,
  actor: Actor,
  partnerId: string,
  today = todayInChina(),
) {
  const own = actor.type === 'partner' && actor.partnerId === partnerId && can(actor, 'read:training:own');
  if (!own) assertCan(actor, 'read:training:any');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  const [summary, notices] = await Promise.all([
    confirmationByPartner(db, [partnerId], today),
    confirmationByNotice(db, partnerId, today),
  ]);
  return {
    summary: summary.get(partnerId) ?? { owed: 0, confirmed: 0, overdue: 0, share: null },
    notices,
  };
}

/** Whom a notice can go to: the same choices as a course assignment. */
export { assignmentChoices as noticeAudienceChoices } from '../course-admin.ts';
