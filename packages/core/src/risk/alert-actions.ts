import { type Database, type RiskAlert, riskAlerts, users } from '@outpost/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { recordAlertEvent } from './timeline.ts';

const live = ['open', 'acknowledged'] as const;

const noteInput = z.strictObject({
  alertId: z.string(),
  note: z.string({ message: 'Write what was done.' }).trim().min(1, 'Write what was done.').max(4000),
});
const reasonInput = z.strictObject({
  alertId: z.string(),
  reason: z
    .string({ message: 'Say why the alert is dismissed.' })
    .trim()
    .min(1, 'Say why the alert is dismissed.')
    .max(4000),
});
const assignInput = z.strictObject({ alertId: z.string(), ownerId: z.string() });

function staffId(actor: Actor): string {
  if (actor.type !== 'staff')
    throw new AppError('forbidden', 'Only staff act on risk alerts.', { messageKey: 'errors.forbidden' });
  return actor.userId;
}

/**
 * Acknowledging is the response the 24-hour target measures. A conditional update decides a race:
 * of two people acknowledging at once exactly one changes the row; the other is told who did.
 * The acknowledger becomes the owner unless someone was already assigned.
 */
export async function acknowledgeRiskAlert(db: Database, actor: Actor, alertId: string, now = new Date()) {
  assertCan(actor, 'manage:risk-alerts');
  const userId = staffId(actor);
  await findAlert(db, alertId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskAlerts)
      .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: userId, updatedAt: now })
      .where(and(eq(riskAlerts.id, alertId), eq(riskAlerts.status, 'open')))
      .returning();
    if (!row) throw await notOpen(tx, alertId);
    let alert = row;
    if (!row.ownerId) {
      [alert] = (await tx
        .update(riskAlerts)
        .set({ ownerId: userId })
        .where(eq(riskAlerts.id, alertId))
        .returning()) as [RiskAlert];
    }
    await recordAlertEvent(tx, actor, alert, 'acknowledged', now, {
      responseMinutes: Math.round((now.getTime() - row.raisedAt.getTime()) / 60_000),
      withinDeadline: now <= row.responseDeadline,
    });
    return alert;
  });
}

/** Gives the alert an owner: a staff member who may act on alerts. */
export async function assignRiskAlert(
  db: Database,
  actor: Actor,
  raw: { alertId: string; ownerId: string },
  now = new Date(),
) {
  assertCan(actor, 'manage:risk-alerts');
  staffId(actor);
  const input = parse(assignInput, raw);
  await findAlert(db, input.alertId);
  const owner = isUuid(input.ownerId)
    ? (
        await db
          .select()
          .from(users)
          .where(and(eq(users.id, input.ownerId), eq(users.kind, 'staff')))
      )[0]
    : undefined;
  if (!owner?.staffRoles.some((r) => r === 'risk_officer' || r === 'admin')) {
    throw new AppError('validation_failed', 'Choose a risk officer or administrator.', {
      details: {
        fields: [{ path: 'ownerId', code: 'invalid', message: 'Choose a risk officer or administrator.' }],
      },
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskAlerts)
      .set({
        ownerId: owner.id,
        // The department follows the person assigned, when they have one (decision record 050).
        departmentId: owner.departmentId ?? sql`${riskAlerts.departmentId}`,
        updatedAt: now,
      })
      .where(and(eq(riskAlerts.id, input.alertId), inArray(riskAlerts.status, [...live])))
      .returning();
    if (!row) throw await notOpen(tx, input.alertId);
    await recordAlertEvent(tx, actor, row, 'assigned', now, {
      ownerId: owner.id,
      ownerName: owner.displayName,
    });
    return row;
  });
}

/** Closes the alert with what was done about it; the note is required. */
export async function resolveRiskAlert(
  db: Database,
  actor: Actor,
  raw: { alertId: string; note: string },
  now = new Date(),
) {
  assertCan(actor, 'manage:risk-alerts');
  const userId = staffId(actor);
  const input = parse(noteInput, raw);
  await findAlert(db, input.alertId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskAlerts)
      .set({
        status: 'resolved',
        resolvedAt: now,
        resolvedBy: userId,
        resolutionNote: input.note,
        updatedAt: now,
      })
      .where(and(eq(riskAlerts.id, input.alertId), inArray(riskAlerts.status, [...live])))
      .returning();
    if (!row) throw await notOpen(tx, input.alertId);
    await recordAlertEvent(tx, actor, row, 'resolved', now, { note: input.note });
    return row;
  });
}

/** Closes the alert as not a real risk (a false positive, already handled elsewhere); the reason is required. */
export async function dismissRiskAlert(
  db: Database,
  actor: Actor,
  raw: { alertId: string; reason: string },
  now = new Date(),
) {
  assertCan(actor, 'manage:risk-alerts');
  const userId = staffId(actor);
  const input = parse(reasonInput, raw);
  await findAlert(db, input.alertId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(riskAlerts)
      .set({
        status: 'dismissed',
        dismissedAt: now,
        dismissedBy: userId,
        dismissalReason: input.reason,
        updatedAt: now,
      })
      .where(and(eq(riskAlerts.id, input.alertId), inArray(riskAlerts.status, [...live])))
      .returning();
    if (!row) throw await notOpen(tx, input.alertId);
    await recordAlertEvent(tx, actor, row, 'dismissed', now, { reason: input.reason });
    return row;
  });
}

async function findAlert(db: Database, alertId: string) {
  if (!isUuid(alertId)) throw notFound('Alert');
  const [alert] = await db.select({ id: riskAlerts.id }).from(riskAlerts).where(eq(riskAlerts.id, alertId));
  if (!alert) throw notFound('Alert');
}

/** Why an action found nothing to change: someone acknowledged it first, or it is already closed. */
async function notOpen(db: Database, alertId: string): Promise<AppError> {
  const [row] = await db
    .select({ status: riskAlerts.status, by: users.displayName, at: riskAlerts.acknowledgedAt })
    .from(riskAlerts)
    .leftJoin(users, eq(users.id, riskAlerts.acknowledgedBy))
    .where(eq(riskAlerts.id, alertId));
  if (row?.status === 'acknowledged') {
    return new AppError('already_decided', `${row.by ?? 'Someone'} has already acknowledged this alert.`, {
      messageKey: 'risk.error.alreadyAcknowledged',
      details: { name: row.by ?? '' },
    });
  }
  return new AppError('already_decided', `This alert is already ${row?.status ?? 'closed'}.`, {
    messageKey: 'risk.error.closed',
    details: { state: row?.status ?? 'resolved' },
  });
}
