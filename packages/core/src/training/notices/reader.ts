import { type Database, trainingNoticeReceipts, trainingNotices, trainingPeople } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../actor.ts';
import { audit } from '../../audit.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertCan, can } from '../../permissions.ts';
import type { FileStorage } from '../../ports.ts';
import { isUuid } from '../../validation.ts';
import { live, noticeReaches } from './audience.ts';
import { refreshPartnerTraining } from '../kpi-feed.ts';

/** The roster entry of the signed-in partner user: notices are read and confirmed by people. */
async function reader(tx: Database, actor: Actor) {
  assertCan(actor, 'take:training:own');
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Notices are confirmed by a partner’s people.', {
      messageKey: 'errors.forbidden',
    });
  }
  const [person] = await tx
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.userId, actor.userId),
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
      ),
    );
  if (!person) {
    throw new AppError(
      'forbidden',
      'You are not on your organisation’s training roster; ask your administrator.',
      {
        messageKey: 'errors.training.not_on_roster',
      },
    );
  }
  return person;
}

const columns = {
  id: trainingNotices.id,
  kind: trainingNotices.kind,
  titleZh: trainingNotices.titleZh,
  titleEn: trainingNotices.titleEn,
  requiresConfirmation: trainingNotices.requiresConfirmation,
  confirmBy: trainingNotices.confirmBy,
  publishedAt: trainingNotices.publishedAt,
  readAt: trainingNoticeReceipts.readAt,
  confirmedAt: trainingNoticeReceipts.confirmedAt,
};

/**
 * The notices in force for the signed-in person: unread first, then newest first. Each says
 * whether it waits for their confirmation and whether its confirm-by date has passed.
 */
export async function listMyNotices(db: Database, actor: Actor, today = todayInChina()) {
  const person = await reader(db, actor);
  const rows = await db
    .select(columns)
    .from(trainingNotices)
    .leftJoin(
      trainingNoticeReceipts,
      and(
        eq(trainingNoticeReceipts.noticeId, trainingNotices.id),
        eq(trainingNoticeReceipts.personId, person.id),
      ),
    )
    .where(and(live, noticeReaches(person)))
    .orderBy(
      sql`${trainingNoticeReceipts.readAt} is not null`,
      desc(trainingNotices.publishedAt),
      asc(trainingNotices.id),
    );
  return rows.map((r) => ({
    ...r,
    unread: r.readAt === null,
    awaitingConfirmation: r.requiresConfirmation && r.confirmedAt === null,
    overdue: r.requiresConfirmation && r.confirmedAt === null && r.confirmBy !== null && r.confirmBy < today,
  }));
}

/**
 * The confirmations the signed-in partner user still owes (the rule of decision record 029: in
 * force, asking for one, reaching them, on the roster by its confirm-by date), for their next
 * steps: how many, the earliest confirm-by date, and whether any is overdue. Null when they are
 * not on the roster or owe none.
 */
export async function myNoticesToConfirm(db: Database, actor: Actor, today = todayInChina()) {
  if (actor.type !== 'partner' || !can(actor, 'take:training:own')) return null;
  const [person] = await db
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.userId, actor.userId),
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
      ),
    );
  if (!person) return null;
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      confirmBy: sql<string | null>`min(${trainingNotices.confirmBy})::text`,
    })
    .from(trainingNotices)
    .leftJoin(
      trainingNoticeReceipts,
      and(
        eq(trainingNoticeReceipts.noticeId, trainingNotices.id),
        eq(trainingNoticeReceipts.personId, person.id),
      ),
    )
    .where(
      and(
        live,
        noticeReaches(person),
        eq(trainingNotices.requiresConfirmation, true),
        sql`${trainingNotices.confirmBy} >= ${person.startDate}`,
        isNull(trainingNoticeReceipts.confirmedAt),
      ),
    );
  const count = Number(row?.count ?? 0);
  if (count === 0 || !row?.confirmBy) return null;
  return { count, confirmBy: row.confirmBy, overdue: row.confirmBy < today };
}

/** A notice in force that reaches this person; anything else (another partner's, withdrawn) is "not found". */
async function reachingNotice(tx: Database, person: Awaited<ReturnType<typeof reader>>, noticeId: string) {
  if (!isUuid(noticeId)) throw notFound('Notice');
  const [notice] = await tx
    .select()
    .from(trainingNotices)
    .where(and(eq(trainingNotices.id, noticeId), live, noticeReaches(person)));
  if (!notice) throw notFound('Notice');
  return notice;
}

/** Records (and audits) that the person opened the notice; only the first read changes anything. */
async function markRead(
  tx: Database,
  actor: Actor,
  person: { id: string; partnerId: string },
  noticeId: string,
) {
  const inserted = await tx
    .insert(trainingNoticeReceipts)
    .values({ noticeId, personId: person.id, partnerId: person.partnerId })
    .onConflictDoNothing()
    .returning({ id: trainingNoticeReceipts.id });
  if (inserted.length === 0) return;
  await audit(tx, actor, {
    action: 'training.notice_read',
    entityType: 'training_notice',
    entityId: noticeId,
    partnerId: person.partnerId,
    data: { personId: person.id },
  });
}

/** A notice for its reader, with its body; opening it marks it read. */
export async function openNotice(db: Database, actor: Actor, noticeId: string) {
  return db.transaction(async (tx) => {
    const person = await reader(tx, actor);
    const notice = await reachingNotice(tx, person, noticeId);
    await markRead(tx, actor, person, notice.id);
    const [receipt] = await tx
      .select()
      .from(trainingNoticeReceipts)
      .where(
        and(eq(trainingNoticeReceipts.noticeId, notice.id), eq(trainingNoticeReceipts.personId, person.id)),
      );
    return { notice, readAt: receipt!.readAt, confirmedAt: receipt!.confirmedAt };
  });
}

/**
 * The person confirms they have read the notice and will follow it. Only their own, only a notice
 * in force that reaches them and asks for confirmation. Confirming twice (or twice at once) counts
 * once: the receipt row is unique per person and notice, and only the update that sets the
 * confirmation is audited.
 */
export async function confirmNotice(db: Database, actor: Actor, noticeId: string) {
  return db.transaction(async (tx) => {
    const person = await reader(tx, actor);
    const notice = await reachingNotice(tx, person, noticeId);
    if (!notice.requiresConfirmation) {
      throw new AppError('conflict', 'This notice does not ask for confirmation.', {
        messageKey: 'errors.training.notice_no_confirmation',
      });
    }
    const now = new Date();
    const userId = actor.type === 'partner' ? actor.userId : null;
    const changed = await tx
      .insert(trainingNoticeReceipts)
      .values({
        noticeId: notice.id,
        personId: person.id,
        partnerId: person.partnerId,
        confirmedAt: now,
        confirmedBy: userId,
      })
      .onConflictDoUpdate({
        target: [trainingNoticeReceipts.noticeId, trainingNoticeReceipts.personId],
        set: { confirmedAt: now, confirmedBy: userId },
        setWhere: isNull(trainingNoticeReceipts.confirmedAt),
      })
      .returning({ confirmedAt: trainingNoticeReceipts.confirmedAt });
    if (changed.length === 0) {
      const [receipt] = await tx
        .select({ confirmedAt: trainingNoticeReceipts.confirmedAt })
        .from(trainingNoticeReceipts)
        .where(
          and(eq(trainingNoticeReceipts.noticeId, notice.id), eq(trainingNoticeReceipts.personId, person.id)),
        );
      return { confirmedAt: receipt!.confirmedAt!, already: true };
    }
    await audit(tx, actor, {
      action: 'training.notice_confirmed',
      entityType: 'training_notice',
      entityId: notice.id,
      partnerId: person.partnerId,
      data: { personId: person.id, confirmBy: notice.confirmBy },
    });
    await refreshPartnerTraining(tx, person.partnerId);
    return { confirmedAt: changed[0]!.confirmedAt!, already: false };
  });
}

/**
 * A notice attachment for download: staff who manage training read any; a partner person only
 * those of notices in force that reach them (anything else is "not found").
 */
export async function noticeAttachmentFile(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  noticeId: string,
  attachmentId: string,
) {
  if (!isUuid(noticeId)) throw notFound('Attachment');
  let notice:
    | { attachments: { id: string; storageKey: string; fileName: string; contentType: string }[] }
    | undefined;
  if (can(actor, 'manage:training')) {
    [notice] = await db
      .select({ attachments: trainingNotices.attachments })
      .from(trainingNotices)
      .where(eq(trainingNotices.id, noticeId));
  } else {
    const person = await reader(db, actor).catch(() => null);
    if (person) notice = await reachingNotice(db, person, noticeId).catch(() => undefined);
  }
  const attachment = notice?.attachments.find((a) => a.id === attachmentId);
  if (!attachment) throw notFound('Attachment');
  return {
    bytes: await storage.get(attachment.storageKey),
    fileName: attachment.fileName,
    contentType: attachment.contentType,
  };
}
