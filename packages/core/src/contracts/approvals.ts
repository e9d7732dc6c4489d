import {
  contractApprovals,
  contractApprovers,
  contracts,
  contractVersions,
  type Database,
  partners,
  serviceCategories,
  users,
} from '@outpost/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { partnerUserIds } from '../reviews/members.ts';
import { isUuid, parse } from '../validation.ts';
import { markApprovalAsked, queueContractBallots, queueContractRefresh } from './approval-messages.ts';
import { continueAsNextVersion, lockedWork, moveVersion, openVersionOf } from './working-version.ts';

type Contract = typeof contracts.$inferSelect;
type Version = typeof contractVersions.$inferSelect;

export const approversInput = z.strictObject({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }),
  userIds: z.array(z.uuid('Unknown user.')).max(20),
});

/** Admins configure who approves contracts of each service category. */
export async function setContractApprovers(db: Database, actor: Actor, raw: z.input<typeof approversInput>) {
  const [ids] = await setContractApproverSets(db, actor, [raw]);
  return ids!;
}

/**
 * Sets the approvers of several service categories at once (the settings page saves them all):
 * one transaction, so a refused entry changes none of them. Approvers must be active staff.
 */
export async function setContractApproverSets(
  db: Database,
  actor: Actor,
  raw: z.input<typeof approversInput>[],
) {
  assertCan(actor, 'manage:requirements');
  const sets = raw.map((r) => parse(approversInput, r));
  return db.transaction(async (tx) => {
    const saved: string[][] = [];
    for (const input of sets) {
      const ids = [...new Set(input.userIds)];
      const staff =
        ids.length === 0
          ? []
          : await tx
              .select({ id: users.id })
              .from(users)
              .where(and(inArray(users.id, ids), eq(users.kind, 'staff'), eq(users.status, 'active')));
      if (staff.length !== ids.length) {
        throw new AppError('validation_failed', 'Approvers must be active staff members.', {
          messageKey: 'errors.contracts.approver_not_staff',
          details: { field: input.serviceCategory },
        });
      }
      await tx.delete(contractApprovers).where(eq(contractApprovers.serviceCategory, input.serviceCategory));
      if (ids.length > 0) {
        await tx
          .insert(contractApprovers)
          .values(ids.map((userId) => ({ serviceCategory: input.serviceCategory, userId })));
      }
      await audit(tx, actor, {
        action: 'contract.approvers_set',
        entityType: 'contract_approvers',
        entityId: null,
        data: { serviceCategory: input.serviceCategory, userIds: ids },
      });
      saved.push(ids);
    }
    return saved;
  });
}

/** Every category's approvers and the staff who could be chosen (the settings page). */
export async function contractApproverSettings(db: Database, actor: Actor) {
  assertCan(actor, 'manage:requirements');
  const [rows, staff] = await Promise.all([
    db.select().from(contractApprovers),
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(users.displayName),
  ]);
  const byCategory = Object.fromEntries(serviceCategories.map((c) => [c, [] as string[]])) as Record<
    (typeof serviceCategories)[number],
    string[]
  >;
  for (const r of rows) byCategory[r.serviceCategory].push(r.userId);
  return { byCategory, staff };
}

export async function contractApproversOf(db: Database, serviceCategory: string) {
  const rows = await db
    .select({ userId: contractApprovers.userId })
    .from(contractApprovers)
    .innerJoin(users, and(eq(users.id, contractApprovers.userId), eq(users.status, 'active')))
    .where(eq(contractApprovers.serviceCategory, serviceCategory as (typeof serviceCategories)[number]));
  return rows.map((r) => r.userId);
}

/**
 * Moves a version into approval: the category's approvers as they are now are fixed on it, and
 * each is asked in the inbox (and by Slack DM when linked). Refused when nobody is configured.
 */
export async function enterApproval(tx: Database, actor: Actor, contract: Contract, version: Version) {
  const approverIds = await contractApproversOf(tx, contract.serviceCategory);
  if (approverIds.length === 0) {
    throw new AppError(
      'conflict',
      `No approvers are configured for ${contract.serviceCategory} contracts; an administrator sets them.`,
      { messageKey: 'errors.contracts.no_approvers', details: { serviceCategory: contract.serviceCategory } },
    );
  }
  await moveVersion(tx, contract, version, 'approval', { approverIds });
  await queueContractBallots(tx, contract, approverIds);
}

export interface ApprovalTally {
  approve: number;
  return: number;
  pending: number;
  approvers: number;
}

async function tallyOf(
  tx: Database,
  contractId: string,
  version: number,
  approvers: number,
): Promise<ApprovalTally> {
  const rows = await tx
    .select({ decision: contractApprovals.decision })
    .from(contractApprovals)
    .where(and(eq(contractApprovals.contractId, contractId), eq(contractApprovals.version, version)));
  const approve = rows.filter((r) => r.decision === 'approve').length;
  const returned = rows.length - approve;
  return { approve, return: returned, pending: Math.max(approvers - rows.length, 0), approvers };
}

export const approvalDecisionInput = z
  .object({
    contractId: z.string(),
    decision: z.enum(['approve', 'return'], { message: 'Choose approve or return.' }),
    reason: z.string().trim().max(2000).optional(),
    via: z.enum(['slack', 'web']).default('web'),
  })
  .refine((d) => d.decision !== 'return' || (d.reason && d.reason.length >= 3), {
    message: 'Say why it goes back (at least 3 characters).',
    path: ['reason'],
  });

/**
 * An approver approves or returns the version in approval. The contract row is locked for the
 * transaction, so concurrent approvers apply one after another and exactly one of them completes
 * the decision; a second decision of the same approver (double click, Slack retry) is refused
 * by the primary key and told so. Every approver approving sends it to signing; one return
 * sends it back to draft as a new version (the returned one stays as it was).
 */
export async function decideContractApproval(
  db: Database,
  actor: Actor,
  raw: z.input<typeof approvalDecisionInput>,
) {
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff approve contracts.');
  const input = parse(approvalDecisionInput, raw);
  if (!isUuid(input.contractId)) throw notFound('Contract');
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedWork(tx, input.contractId);
    const approverIds = version.approverIds ?? [];
    if (version.status !== 'approval') {
      throw new AppError(
        'already_decided',
        `This contract is no longer waiting for approval (${version.status}).`,
        {
          messageKey: 'errors.contracts.not_in_approval',
          details: { status: version.status },
        },
      );
    }
    if (!approverIds.includes(actor.userId)) {
      throw new AppError('forbidden', 'You are not an approver of this contract.', {
        messageKey: 'errors.contracts.not_approver',
      });
    }
    const inserted = await tx
      .insert(contractApprovals)
      .values({
        contractId: contract.id,
        version: version.version,
        approverId: actor.userId,
        decision: input.decision,
        reason: input.reason ?? null,
        via: input.via,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      throw new AppError('conflict', 'You have already decided on this version.', {
        messageKey: 'errors.contracts.already_decided',
      });
    }
    await audit(tx, actor, {
      action: 'contract.approval_decided',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: {
        version: version.version,
        kind: version.kind,
        decision: input.decision,
        reason: input.reason ?? null,
        via: input.via,
      },
    });
    await markApprovalAsked(tx, actor.userId, contract.id);
    // Every approver's Slack message shows the live tally: redraw them all.
    await queueContractRefresh(tx, contract.id);
    const tally = await tallyOf(tx, contract.id, version.version, approverIds.length);
    if (input.decision === 'return') {
      await continueAsNextVersion(tx, contract, version, actor.userId);
      await notify(tx, {
        userIds: contract.ownerId ? [contract.ownerId] : [],
        template: 'notify.contract_returned',
        params: { reference: contract.reference, reason: input.reason ?? '' },
        link: `/s/contracts/${contract.id}`,
        actor,
      });
      return { outcome: 'returned' as const, tally };
    }
    if (tally.approve < approverIds.length) return { outcome: null, tally };
    await moveVersion(tx, contract, version, 'signing');
    await audit(tx, actor, {
      action: 'contract.approved',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: version.version, kind: version.kind, tally },
    });
    const [partner] = await tx.select().from(partners).where(eq(partners.id, contract.partnerId));
    await notify(tx, {
      userIds: await partnerUserIds(tx, contract.partnerId),
      template: 'notify.contract_to_sign',
      params: { reference: contract.reference, name: partner!.legalName },
      link: `/p/contracts/${contract.id}`,
      email: 'contracts',
    });
    return { outcome: 'approved' as const, tally };
  });
}

/** The live tally of the version in approval, and who decided what (staff only). */
export async function approvalState(db: Database, actor: Actor, contractId: string) {
  assertCan(actor, 'read:contract:any');
  if (!isUuid(contractId)) throw notFound('Contract');
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!contract) throw notFound('Contract');
  // The open version (an amendment of a contract in force, or the original) or the one in force;
  // an amendment withdrawn after the version in force (decision record 047) shows as withdrawn,
  // so the approvers' Slack messages say so.
  const open = await openVersionOf(db, contractId);
  const [latest] = open
    ? [null]
    : await db
        .select()
        .from(contractVersions)
        .where(eq(contractVersions.contractId, contractId))
        .orderBy(desc(contractVersions.version))
        .limit(1);
  const withdrawn =
    latest && latest.status === 'withdrawn' && latest.version > contract.currentVersion ? latest : null;
  const amendment = open?.kind === 'amendment' || withdrawn !== null;
  const version =
    open ??
    withdrawn ??
    (
      await db
        .select()
        .from(contractVersions)
        .where(
          and(
            eq(contractVersions.contractId, contractId),
            eq(contractVersions.version, contract.currentVersion),
          ),
        )
    )[0];
  const versionNumber = version?.version ?? contract.currentVersion;
  const approverIds = version?.approverIds ?? [];
  const decisions = await db
    .select({
      approverId: contractApprovals.approverId,
      decision: contractApprovals.decision,
      reason: contractApprovals.reason,
      via: contractApprovals.via,
      at: contractApprovals.createdAt,
    })
    .from(contractApprovals)
    .where(and(eq(contractApprovals.contractId, contractId), eq(contractApprovals.version, versionNumber)));
  const people =
    approverIds.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, approverIds));
  const byId = new Map(decisions.map((d) => [d.approverId, d]));
  return {
    /** Where the open version stands (an amendment moves while its contract stays in force). */
    status: withdrawn ? ('withdrawn' as const) : open?.kind === 'amendment' ? open.status : contract.status,
    renewal: version?.renewal ?? false,
    withdrawnReason: withdrawn?.withdrawnReason ?? null,
    version: versionNumber,
    amendment,
    tally: await tallyOf(db, contractId, versionNumber, approverIds.length),
    approvers: people.map((p) => ({ ...p, decision: byId.get(p.id) ?? null })),
  };
}
