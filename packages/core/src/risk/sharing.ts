import {
  type Database,
  partners,
  type RiskAlert,
  riskAlertComments,
  riskAlerts,
  riskCommentVisibilities,
  users,
} from '@outpost/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import { partnerUserIds } from '../reviews/members.ts';
import { isUuid, parse } from '../validation.ts';
import { recordAlertEvent } from './timeline.ts';

/**
 * Sharing an alert with its partner and the conversation on it (decision record 036). Staff share
 * explicitly (nothing is shared by default); then staff and the partner's administrators exchange
 * messages, and staff keep internal notes that no partner query ever returns.
 */

function staffUser(actor: Actor): string {
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only staff act on risk alerts.', { messageKey: 'errors.forbidden' });
  return actor.userId;
}

async function alertById(db: Database, alertId: string): Promise<RiskAlert> {
  if (!isUuid(alertId)) throw notFound('Alert');
  const [alert] = await db.select().from(riskAlerts).where(eq(riskAlerts.id, alertId));
  if (!alert) throw notFound('Alert');
  return alert;
}

/**
 * The alert as a partner actor may reach it: its own partner's, and shared. Anything else —
 * another partner's alert, one not shared, an id that names nothing — is the same "not found".
 */
export async function sharedAlertFor(db: Database, actor: Actor, alertId: string): Promise<RiskAlert> {
  if (actor.type !== 'partner') throw notFound('Alert');
  if (!isUuid(alertId)) throw notFound('Alert');
  const [alert] = await db
    .select()
    .from(riskAlerts)
    .where(and(eq(riskAlerts.id, alertId), eq(riskAlerts.partnerId, actor.partnerId)));
  if (!alert || alert.sharedAt === null) throw notFound('Alert');
  return alert;
}

/**
 * Shares the alert with its partner: from now on the partner's people see it (what triggered it,
 * level, deadline, status, the messages) and its administrators can answer. Sharing twice is a
 * no-op that returns the alert as it is (a resent form adds no second event).
 */
export async function shareRiskAlert(db: Database, actor: Actor, alertId: string, now = new Date()) {
  assertCan(actor, 'manage:risk-alerts');
  const userId = staffUser(actor);
  const before = await alertById(db, alertId);
  if (before.sharedAt) return { alert: before, shared: false };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskAlerts)
      .set({ sharedAt: now, sharedBy: userId, updatedAt: now })
      .where(and(eq(riskAlerts.id, alertId), isNull(riskAlerts.sharedAt)))
      .returning();
    if (!row) return { alert: (await alertById(tx, alertId)) as RiskAlert, shared: false };
    await recordAlertEvent(tx, actor, row, 'shared', now);
    const [partner] = await tx
      .select({ legalName: partners.legalName })
      .from(partners)
      .where(eq(partners.id, row.partnerId));
    await notify(tx, {
      userIds: await partnerUserIds(tx, row.partnerId),
      template: 'notify.risk_alert_shared',
      params: { name: partner?.legalName ?? '' },
      link: `/p/risk/alerts/${row.id}`,
      actor,
    });
    return { alert: row, shared: true };
  });
}

const commentInput = z.strictObject({
  alertId: z.string(),
  body: z
    .string({ message: 'Write a message.' })
    .trim()
    .min(1, 'Write a message.')
    .max(4000, 'Keep the message under 4,000 characters.'),
  visibility: z.enum(riskCommentVisibilities, { message: 'Choose who may read it.' }).optional(),
  /** A key from the form: the same key twice (a resent form) adds one comment. */
  requestKey: z.string().trim().max(100).optional(),
});
export type RiskCommentInput = z.input<typeof commentInput>;

/**
 * Adds a comment. Staff (who may act on alerts) write an internal note or a message to the
 * partner — the latter only once the alert is shared; a partner administrator writes to staff on
 * a shared alert of its own, and whatever it sends is a message (never an internal note).
 */
export async function commentOnRiskAlert(
  db: Database,
  actor: Actor,
  raw: RiskCommentInput,
  now = new Date(),
) {
  const input = parse(commentInput, raw);
  let alert: RiskAlert;
  let visibility: 'internal' | 'partner';
  let authorId: string;
  if (actor.type === 'partner') {
    authorId = actor.userId;
    assertCan(actor, 'respond:risk-alerts:own');
    alert = await sharedAlertFor(db, actor, input.alertId);
    await assertPartnerActive(db, actor);
    visibility = 'partner';
  } else {
    assertCan(actor, 'manage:risk-alerts');
    authorId = staffUser(actor);
    if (!input.visibility) {
      throw new AppError('validation_failed', 'Choose who may read it.', {
        details: { fields: [{ path: 'visibility', code: 'required', message: 'Choose who may read it.' }] },
      });
    }
    alert = await alertById(db, input.alertId);
    visibility = input.visibility;
    if (visibility === 'partner' && !alert.sharedAt) {
      throw new AppError('conflict', 'Share the alert with the partner before writing to them.', {
        messageKey: 'risk.error.notShared',
      });
    }
  }
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .insert(riskAlertComments)
      .values({
        alertId: alert.id,
        partnerId: alert.partnerId,
        visibility,
        authorKind: actor.type === 'partner' ? 'partner' : 'staff',
        authorId,
        body: input.body,
        requestKey: input.requestKey || null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!comment) {
      // The same form sent again: the comment it made the first time.
      const [existing] = await tx
        .select()
        .from(riskAlertComments)
        .where(
          and(
            eq(riskAlertComments.alertId, alert.id),
            eq(riskAlertComments.authorId, authorId),
            eq(riskAlertComments.requestKey, input.requestKey ?? ''),
          ),
        );
      return { comment: existing!, created: false };
    }
    await recordAlertEvent(tx, actor, alert, 'commented', now, {
      commentId: comment.id,
      visibility,
      from: comment.authorKind,
    });
    if (visibility === 'partner') await tellTheOtherSide(tx, actor, alert);
    return { comment, created: true };
  });
}

/** A message to the partner goes to its people's inbox; a partner's reply to the alert's owner. */
async function tellTheOtherSide(tx: Database, actor: Actor, alert: RiskAlert) {
  if (actor.type === 'partner') {
    if (!alert.ownerId) {
      await notify(tx, {
        staffRoles: ['risk_officer'],
        template: 'notify.risk_alert_partner_replied',
        params: { name: await partnerLegalName(tx, alert.partnerId) },
        link: `/s/risk/alerts/${alert.id}`,
        actor,
      });
      return;
    }
    await notify(tx, {
      userIds: [alert.ownerId],
      template: 'notify.risk_alert_partner_replied',
      params: { name: await partnerLegalName(tx, alert.partnerId) },
      link: `/s/risk/alerts/${alert.id}`,
      actor,
    });
    return;
  }
  await notify(tx, {
    userIds: await partnerUserIds(tx, alert.partnerId),
    template: 'notify.risk_alert_message',
    params: { name: await partnerLegalName(tx, alert.partnerId) },
    link: `/p/risk/alerts/${alert.id}`,
    actor,
  });
}

async function partnerLegalName(tx: Database, partnerId: string): Promise<string> {
  const [row] = await tx
    .select({ legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return row?.legalName ?? '';
}

/** Display names of people, for a thread. */
export async function namesOf(db: Database, ids: string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
