import { type Database, partners, terminationApprovals, terminationCases, users } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { partnerUserIds } from '../reviews/members.ts';
import { isUuid, parse } from '../validation.ts';
import { markTerminationAsked, queueTerminationRefresh } from './approval-messages.ts';
import { generateChecklist } from './checklist.ts';
import { lockCase, lockPartnerRow, PARTNER_LINK, READ_ANY } from './shared.ts';

export interface TerminationTally {
  approve: number;
  reject: number;
  pending: number;
  approvers: number;
}

async function tallyOf(tx: Database, caseId: string, approvers: number): Promise<TerminationTally> {
  const rows = await tx
    .select({ decision: terminationApprovals.decision })
    .from(terminationApprovals)
    .where(eq(terminationApprovals.caseId, caseId));
  const approve = rows.filter((r) => r.decision === 'approve').length;
  return { approve, reject: rows.length - approve, pending: Math.max(approvers - rows.length, 0), approvers };
}

export const terminationDecisionInput = z
  .object({
    caseId: z.string(),
    decision: z.enum(['approve', 'reject'], { message: 'Choose approve or reject.' }),
    reason: z.string().trim().max(2000).optional(),
    via: z.enum(['slack', 'web']).default('web'),
  })
  .refine((d) => d.decision !== 'reject' || (d.reason && d.reason.length >= 3), {
    message: 'Say why (at least 3 characters).',
    path: ['reason'],
  });

/**
 * An approver approves or rejects a case in approval. The case row is locked, so concurrent
 * decisions apply one after another and exactly one completes it; a second decision of the same
 * approver (double click, Slack retry) is refused by the primary key. Every approver approving
 * makes the partner `exiting`, generates the checklist and tells the partner (inbox and e-mail);
 * one rejection closes the case.
 */
export async function decideTermination(
  db: Database,
  actor: Actor,
  raw: z.input<typeof terminationDecisionInput>,
  now = new Date(),
) {
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff approve termination cases.');
  const input = parse(terminationDecisionInput, raw);
  if (!isUuid(input.caseId)) throw notFound('Termination case');
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, actor, input.caseId);
    if (row.status !== 'approval') {
      throw new AppError('already_decided', 'This termination case is no longer waiting for approval.', {
        messageKey: 'terminations.error.notInApproval',
        details: { status: row.status },
      });
    }
    if (!row.approverIds.includes(actor.userId)) {
      throw new AppError('forbidden', 'You are not an approver of this termination case.', {
        messageKey: 'terminations.error.notApprover',
      });
    }
    const inserted = await tx
      .insert(terminationApprovals)
      .values({
        caseId: row.id,
        approverId: actor.userId,
        decision: input.decision,
        reason: input.reason ?? null,
        via: input.via,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      throw new AppError('conflict', 'You have already decided on this termination case.', {
        messageKey: 'terminations.error.alreadyDecided',
      });
    }
    await audit(tx, actor, {
      action: 'termination.approval_decided',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: row.partnerId,
      data: { decision: input.decision, reason: input.reason ?? null, via: input.via },
    });
    await markTerminationAsked(tx, actor.userId, row.id);
    await queueTerminationRefresh(tx, row.id);
    const tally = await tallyOf(tx, row.id, row.approverIds.length);
    const partner = await lockPartnerRow(tx, row.partnerId);
    if (input.decision === 'reject') {
      await tx
        .update(terminationCases)
        .set({ status: 'rejected', closeReason: input.reason ?? null, closedAt: now, updatedAt: now })
        .where(eq(terminationCases.id, row.id));
      await audit(tx, actor, {
        action: 'termination.rejected',
        entityType: 'termination_case',
        entityId: row.id,
        partnerId: row.partnerId,
        data: { reason: input.reason ?? null, tally },
      });
      await notify(tx, {
        userIds: [row.responsibleId, row.openedBy].filter((x): x is string => !!x),
        template: 'notify.termination_rejected',
        params: { name: partner.legalName, reason: input.reason ?? '' },
        link: `/s/terminations/${row.id}`,
        actor,
      });
      return { outcome: 'rejected' as const, tally };
    }
    if (tally.approve < row.approverIds.length) return { outcome: null, tally };
    await tx
      .update(terminationCases)
      .set({ status: 'approved', approvedAt: now, statusBefore: partner.status, updatedAt: now })
      .where(eq(terminationCases.id, row.id));
    await tx.update(partners).set({ status: 'exiting', updatedAt: now }).where(eq(partners.id, partner.id));
    await audit(tx, actor, {
      action: 'termination.approved',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: row.partnerId,
      data: {
        tally,
        effectiveDate: row.effectiveDate,
        partnerStatus: { from: partner.status, to: 'exiting' },
      },
    });
    await generateChecklist(tx, actor, { ...row, status: 'approved' }, partner);
    await notify(tx, {
      userIds: await partnerUserIds(tx, row.partnerId),
      template: 'notify.termination_approved',
      params: { name: partner.legalName, date: row.effectiveDate },
      link: PARTNER_LINK,
      email: 'partner_status',
    });
    return { outcome: 'approved' as const, tally };
  });
}

/** The live tally and who decided what (staff). */
export async function terminationApprovalState(db: Database, actor: Actor, caseId: string) {
  assertCan(actor, READ_ANY);
  if (!isUuid(caseId)) throw notFound('Termination case');
  const [row] = await db.select().from(terminationCases).where(eq(terminationCases.id, caseId));
  if (!row) throw notFound('Termination case');
  const decisions = await db
    .select()
    .from(terminationApprovals)
    .where(eq(terminationApprovals.caseId, caseId));
  const people = row.approverIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, row.approverIds))
    : [];
  const byId = new Map(decisions.map((d) => [d.approverId, d]));
  return {
    status: row.status,
    tally: await tallyOf(db, caseId, row.approverIds.length),
    approvers: people.map((p) => ({ ...p, decision: byId.get(p.id) ?? null })),
  };
}

/** Whether this approver's stored decision on the case is this one (Slack's repeat detection). */
export async function terminationDecisionOf(db: Database, caseId: string, approverId: string) {
  if (!isUuid(caseId)) return null;
  const [row] = await db
    .select({ decision: terminationApprovals.decision })
    .from(terminationApprovals)
    .where(and(eq(terminationApprovals.caseId, caseId), eq(terminationApprovals.approverId, approverId)));
  return row?.decision ?? null;
}
