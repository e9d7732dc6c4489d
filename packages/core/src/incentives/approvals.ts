import { type Database, incentiveApprovals, incentiveRecords, users } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { refreshAllocation } from './allocation.ts';
import { markIncentiveAsked, queueIncentiveRefresh } from './messages.ts';

export interface IncentiveTally {
  approve: number;
  reject: number;
  pending: number;
  approvers: number;
}

async function tallyOf(
  tx: Database,
  recordId: string,
  round: number,
  approvers: number,
): Promise<IncentiveTally> {
  const rows = await tx
    .select({ decision: incentiveApprovals.decision })
    .from(incentiveApprovals)
    .where(and(eq(incentiveApprovals.recordId, recordId), eq(incentiveApprovals.round, round)));
  const approve = rows.filter((r) => r.decision === 'approve').length;
  return { approve, reject: rows.length - approve, pending: Math.max(approvers - rows.length, 0), approvers };
}

export const incentiveDecisionInput = z
  .object({
    recordId: z.string(),
    decision: z.enum(['approve', 'reject'], { message: 'Choose approve or reject.' }),
    reason: z.string().trim().max(2000).optional(),
    via: z.enum(['slack', 'web']).default('web'),
  })
  .refine((d) => d.decision !== 'reject' || (d.reason && d.reason.length >= 3), {
    message: 'Say why it is rejected (at least 3 characters).',
    path: ['reason'],
  });

/**
 * An approver approves or rejects a record waiting for approval. The record row is locked, so
 * concurrent approvers apply one after another and exactly one completes it; the primary key
 * (record, round, approver) refuses a second decision of the same approver (double click, Slack
 * retry). Every approver approving applies it; one rejection rejects it, with the reason.
 */
export async function decideIncentive(
  db: Database,
  actor: Actor,
  raw: z.input<typeof incentiveDecisionInput>,
) {
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff approve incentives.');
  const input = parse(incentiveDecisionInput, raw);
  if (!isUuid(input.recordId)) throw notFound('Incentive record');
  return db.transaction(async (tx) => {
    const [record] = await tx
      .select()
      .from(incentiveRecords)
      .where(eq(incentiveRecords.id, input.recordId))
      .for('update');
    if (!record) throw notFound('Incentive record');
    if (record.status !== 'pending_approval') {
      throw new AppError(
        'already_decided',
        `This record is no longer waiting for approval (${record.status}).`,
        {
          messageKey: 'errors.incentives.not_pending',
          details: { status: record.status },
        },
      );
    }
    if (!record.approverIds.includes(actor.userId)) {
      throw new AppError('forbidden', 'You are not an approver of this record.', {
        messageKey: 'errors.incentives.not_approver',
      });
    }
    const inserted = await tx
      .insert(incentiveApprovals)
      .values({
        recordId: record.id,
        round: record.round,
        approverId: actor.userId,
        decision: input.decision,
        reason: input.reason ?? null,
        via: input.via,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      throw new AppError('conflict', 'You have already decided on this record.', {
        messageKey: 'errors.incentives.already_decided',
      });
    }
    await audit(tx, actor, {
      action: 'incentive.approval_decided',
      entityType: 'incentive_record',
      entityId: record.id,
      partnerId: record.partnerId,
      data: { round: record.round, decision: input.decision, reason: input.reason ?? null, via: input.via },
    });
    await markIncentiveAsked(tx, actor.userId, record.id);
    await queueIncentiveRefresh(tx, record.id);
    const tally = await tallyOf(tx, record.id, record.round, record.approverIds.length);
    const outcome =
      input.decision === 'reject'
        ? ('rejected' as const)
        : tally.approve >= record.approverIds.length
          ? ('applied' as const)
          : null;
    if (outcome === null) return { outcome, tally };
    await tx
      .update(incentiveRecords)
      .set({
        status: outcome,
        rejectReason: outcome === 'rejected' ? (input.reason ?? null) : null,
        decidedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(incentiveRecords.id, record.id));
    await audit(tx, actor, {
      action: outcome === 'applied' ? 'incentive.approved' : 'incentive.rejected',
      entityType: 'incentive_record',
      entityId: record.id,
      partnerId: record.partnerId,
      data: { round: record.round, tally, reason: input.reason ?? null },
    });
    await refreshAllocation(tx, actor, record.serviceCategory, record.quarter);
    return { outcome, tally };
  });
}

/** The live tally and who decided what in the current round (staff only, never the partner). */
export async function incentiveApprovalState(db: Database, actor: Actor, recordId: string) {
  assertCan(actor, 'read:review:any');
  if (!isUuid(recordId)) throw notFound('Incentive record');
  const [record] = await db.select().from(incentiveRecords).where(eq(incentiveRecords.id, recordId));
  if (!record) throw notFound('Incentive record');
  const decisions = await db
    .select()
    .from(incentiveApprovals)
    .where(and(eq(incentiveApprovals.recordId, recordId), eq(incentiveApprovals.round, record.round)));
  const people = record.approverIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, record.approverIds))
    : [];
  const byId = new Map(decisions.map((d) => [d.approverId, d]));
  return {
    status: record.status,
    round: record.round,
    tally: await tallyOf(db, record.id, record.round, record.approverIds.length),
    approvers: people.map((p) => ({ ...p, decision: byId.get(p.id) ?? null })),
  };
}
