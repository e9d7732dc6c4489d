import {
  type Database,
  partnerMemberships,
  partners,
  trainingAssignments,
  trainingCompletions,
  trainingCourses,
  trainingCourseVersions,
  trainingPeople,
  trainingRemindersSent,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, asc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify, RISK_CHANNEL } from '../notifications.ts';
import { getSetting } from '../settings.ts';
import { trainingCompliance } from './compliance.ts';
import { runNoticeReminders } from './notices/reminders.ts';

/** Reminders before an assignment is due: two weeks before, and three days before. */
export const TRAINING_REMINDERS = [
  { key: '14d', days: 14 },
  { key: '3d', days: 3 },
] as const;

/** Claims a dedupe key in the caller's transaction: true the first time, false ever after. */
async function claim(
  tx: Database,
  key: string,
  kind: 'due' | 'overdue' | 'slack_digest',
  sentOn: string,
  partnerId: string | null,
): Promise<boolean> {
  const rows = await tx
    .insert(trainingRemindersSent)
    .values({ key, kind, sentOn, partnerId })
    .onConflictDoNothing()
    .returning({ key: trainingRemindersSent.key });
  return rows.length === 1;
}

interface Open {
  personId: string;
  personName: string;
  partnerId: string;
  userId: string | null;
  assignmentId: string;
  courseId: string;
  dueDate: string;
  titleZh: string;
  titleEn: string;
}

/**
 * Every (live person, assigned course) pair not completed yet whose due date is on or before
 * `until`, earliest due first. An assignment to a partner or a service category holds for each
 * of its people; a person with several assignments of one course owes the earliest.
 */
async function openAssignments(db: Database, until: string): Promise<Open[]> {
  const assignments = await db
    .select({
      id: trainingAssignments.id,
      courseId: trainingAssignments.courseId,
      target: trainingAssignments.target,
      partnerId: trainingAssignments.partnerId,
      serviceCategory: trainingAssignments.serviceCategory,
      personId: trainingAssignments.personId,
      dueDate: trainingAssignments.dueDate,
      titleZh: trainingCourseVersions.titleZh,
      titleEn: trainingCourseVersions.titleEn,
    })
    .from(trainingAssignments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingAssignments.courseId))
    .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCourses.currentVersionId))
    .where(lte(trainingAssignments.dueDate, until))
    .orderBy(asc(trainingAssignments.dueDate), asc(trainingAssignments.id));
  if (assignments.length === 0) return [];
  const people = await db
    .select()
    .from(trainingPeople)
    .innerJoin(partners, eq(partners.id, trainingPeople.partnerId))
    .where(and(isNull(trainingPeople.removedAt), inArray(partners.status, ['active', 'suspended'])));
  const done = await db
    .select({ personId: trainingCompletions.personId, courseId: trainingCompletions.courseId })
    .from(trainingCompletions)
    .where(
      and(
        isNotNull(trainingCompletions.courseId),
        inArray(
          trainingCompletions.courseId,
          assignments.map((a) => a.courseId),
        ),
      ),
    );
  const completed = new Set(done.map((d) => `${d.personId}:${d.courseId}`));
  const result: Open[] = [];
  const owed = new Set<string>();
  for (const a of assignments) {
    for (const { training_people: p } of people) {
      const applies =
        (a.target === 'person' && a.personId === p.id) ||
        (a.target === 'partner' && a.partnerId === p.partnerId) ||
        (a.target === 'category' && a.serviceCategory === p.serviceCategory);
      const pair = `${p.id}:${a.courseId}`;
      if (!applies || completed.has(pair) || owed.has(pair)) continue;
      // Nobody owes a course due before they joined.
      if (p.startDate > a.dueDate) continue;
      owed.add(pair);
      result.push({
        personId: p.id,
        personName: p.name,
        partnerId: p.partnerId,
        userId: p.userId,
        assignmentId: a.id,
        courseId: a.courseId,
        dueDate: a.dueDate,
        titleZh: a.titleZh,
        titleEn: a.titleEn,
      });
    }
  }
  return result;
}

/** How many names an overdue digest lists before "and N more". */
const DIGEST_NAMES = 20;

/**
 * The daily training reminders: each person with a portal account is reminded 14 and 3 days
 * before an assignment is due while they have not completed it (inbox, and e-mail unless they
 * turned training e-mail off); each partner's administrators get one digest a day of their
 * people who are overdue. Every reminder claims its key in `training_reminders_sent` in the
 * transaction that sends it, so running twice a day sends nothing twice.
 */
export async function runTrainingReminders(db: Database, now = new Date()) {
  const actor = systemActor('training-reminders');
  const today = todayInChina(now);
  const result = { reminded: 0, overdueDigests: 0, noticeReminders: 0 };
  const open = await openAssignments(db, addDays(today, TRAINING_REMINDERS[0].days));

  for (const item of open) {
    if (!item.userId || item.dueDate < today) continue;
    const passed = TRAINING_REMINDERS.filter((r) => item.dueDate <= addDays(today, r.days));
    const reminder = passed[passed.length - 1];
    if (!reminder) continue;
    await db.transaction(async (tx) => {
      const base = `due:${item.assignmentId}:${item.personId}`;
      // The earlier reminders count as sent with the most urgent one that is due.
      let fresh = false;
      for (const r of passed) {
        const claimed = await claim(tx, `${base}:${r.key}`, 'due', today, item.partnerId);
        if (r === reminder) fresh = claimed;
      }
      if (!fresh) return;
      const days = Math.round(
        (Date.parse(`${item.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
      );
      await notify(tx, {
        userIds: [item.userId!],
        template: 'notify.training_due',
        params: { course: item.titleZh, courseEn: item.titleEn, date: item.dueDate, days },
        link: `/p/training/${item.courseId}`,
        email: 'training',
      });
      await audit(tx, actor, {
        action: 'training.reminded',
        entityType: 'training_person',
        entityId: item.personId,
        partnerId: item.partnerId,
        data: { assignmentId: item.assignmentId, reminder: reminder.key, dueDate: item.dueDate },
      });
      result.reminded++;
    });
  }

  const overdueByPartner = new Map<string, Open[]>();
  for (const item of open) {
    if (item.dueDate >= today) continue;
    overdueByPartner.set(item.partnerId, [...(overdueByPartner.get(item.partnerId) ?? []), item]);
  }
  for (const [partnerId, items] of overdueByPartner) {
    await db.transaction(async (tx) => {
      if (!(await claim(tx, `overdue:${partnerId}:${today}`, 'overdue', today, partnerId))) return;
      const admins = await tx
        .select({ userId: partnerMemberships.userId })
        .from(partnerMemberships)
        .where(
          and(eq(partnerMemberships.partnerId, partnerId), eq(partnerMemberships.role, 'partner_admin')),
        );
      const names = [...new Set(items.map((i) => i.personName))];
      const listed = names.slice(0, DIGEST_NAMES);
      await notify(tx, {
        userIds: admins.map((a) => a.userId),
        template: 'notify.training_overdue',
        params: { count: names.length, names: listed.join('、'), more: names.length - listed.length },
        link: '/p/training/people',
        email: 'training',
      });
      await audit(tx, actor, {
        action: 'training.overdue_digest',
        entityType: 'partner',
        entityId: partnerId,
        partnerId,
        data: { day: today, people: names.length },
      });
      result.overdueDigests++;
    });
  }
  // Notices awaiting confirmation are reminded on the same days before their confirm-by date.
  result.noticeReminders = await runNoticeReminders(db, now);
  return result;
}

/** Monday of the week `day` (YYYY-MM-DD) falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The weekly digest to the risk channel: active partners whose training compliance today is below
 * the `training.digest` threshold, worst first, with a link to the console. Claimed per week, so a
 * rerun (or a late run on Tuesday) posts nothing twice.
 */
export async function runTrainingSlackDigest(db: Database, now = new Date()) {
  const today = todayInChina(now);
  const week = mondayOf(today);
  const { threshold } = await getSetting(db, 'training.digest');
  const active = await db
    .select({ id: partners.id, name: partners.legalName })
    .from(partners)
    .where(eq(partners.status, 'active'));
  const below: { id: string; name: string; share: number }[] = [];
  for (const p of active) {
    const figure = await trainingCompliance(db, p.id, today);
    if (figure && figure.share < threshold) below.push({ ...p, share: figure.share });
  }
  below.sort((a, b) => a.share - b.share || a.name.localeCompare(b.name));
  return db.transaction(async (tx) => {
    if (!(await claim(tx, `slack-week:${week}`, 'slack_digest', today, null))) {
      return { week, posted: false, below: below.length };
    }
    if (below.length === 0) return { week, posted: false, below: 0 };
    const list = below.map((p) => `• ${p.name}: ${Math.floor(p.share * 1000) / 10}%`).join('\n');
    await notify(tx, {
      template: 'notify.training_digest',
      params: { count: below.length, threshold: Math.round(threshold * 100), list },
      // The dashboard shows the same partners worst first, with their people one click away.
      link: '/s/training',
      slackChannel: RISK_CHANNEL,
    });
    await audit(tx, systemActor('training-slack-digest'), {
      action: 'training.digest_posted',
      entityType: 'setting',
      entityId: 'training.digest',
      data: { week, partners: below.map((p) => ({ id: p.id, share: p.share })) },
    });
    return { week, posted: true, below: below.length };
  });
}
