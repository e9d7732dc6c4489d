import {
  applications,
  auditLog,
  type Database,
  type Partner,
  partnerMemberships,
  partners,
  users,
} from '@outpost/db';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { liveBlacklistEntry } from './admission/blacklist.ts';
import { audit } from './audit.ts';
import { AppError, notFound } from './errors.ts';
import { notify } from './notifications.ts';
import { assertCan } from './permissions.ts';
import { isUuid, parse } from './validation.ts';

/** The error every partner mutation answers while its partner is suspended (reads stay allowed). */
export function partnerSuspendedError(reason: string | null): AppError {
  return new AppError(
    'partner.suspended',
    'Your organisation is suspended: you can read your data, but not change it. Please contact the insurer.',
    { messageKey: 'errors.partner_suspended', details: { reason } },
  );
}

/**
 * The suspension guard. Every mutation a partner user or API key makes calls it (uploads,
 * applications, event ingestion, review answers, keys, colleagues); staff and system
 * actors pass. Pass the transaction when there is one.
 */
export async function assertPartnerActive(db: Database, actor: Actor): Promise<void> {
  if (actor.type !== 'partner' && actor.type !== 'api_key') return;
  await assertNotSuspended(db, actor.partnerId);
}

/** Refuses work on a suspended partner's behalf, whoever asks (e.g. deciding its open application). */
export async function assertNotSuspended(db: Database, partnerId: string): Promise<void> {
  const [row] = await db
    .select({ status: partners.status, reason: partners.suspensionReason })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (row?.status === 'suspended') throw partnerSuspendedError(row.reason);
  if (row?.status === 'terminated') throw partnerTerminatedError();
}

/** A terminated partner's people and keys are gone; staff still read its archive, but nothing new is taken (decision 049). */
export function partnerTerminatedError(): AppError {
  return new AppError(
    'partner.terminated',
    'This partner’s arrangement has ended: nothing more is taken from or for it.',
    { messageKey: 'errors.partner_terminated' },
  );
}

const reasonField = z.string().trim().min(5, 'Give the reason (at least 5 characters).').max(2000);

export const suspendPartnerInput = z.object({ partnerId: z.string(), reason: reasonField });

/**
 * Suspends a partner inside the caller's transaction: status, reason and date, an audit
 * entry, and a notification (inbox and e-mail) to its people and to staff. Returns false
 * when it was already suspended or terminated (nothing changes).
 */
export async function applySuspension(
  tx: Database,
  actor: Actor,
  partner: Partner,
  reason: string,
  source: { kind: 'manual' } | { kind: 'blacklist'; blacklistEntryId: string },
): Promise<boolean> {
  if (partner.status === 'suspended' || partner.status === 'terminated') return false;
  await tx
    .update(partners)
    .set({
      status: 'suspended',
      suspensionReason: reason,
      suspendedAt: new Date(),
      statusBeforeSuspension: partner.status,
      updatedAt: new Date(),
    })
    .where(eq(partners.id, partner.id));
  await audit(tx, actor, {
    action: 'partner.suspended',
    entityType: 'partner',
    entityId: partner.id,
    partnerId: partner.id,
    data: { from: partner.status, reason, source: source.kind, ...source },
  });
  await notify(tx, {
    userIds: await memberIds(tx, partner.id),
    template: 'notify.partner_suspended',
    params: { name: partner.legalName, reason },
    link: '/p',
    email: 'partner_status',
  });
  return true;
}

/** Staff suspend a partner by hand, with a reason the partner sees. */
export async function suspendPartner(db: Database, actor: Actor, raw: z.input<typeof suspendPartnerInput>) {
  assertCan(actor, 'suspend:partner');
  const input = parse(suspendPartnerInput, raw);
  return db.transaction(async (tx) => {
    const partner = await lockPartner(tx, input.partnerId);
    if (!(await applySuspension(tx, actor, partner, input.reason, { kind: 'manual' }))) {
      throw new AppError('conflict', 'This partner is already suspended or terminated.', {
        messageKey: 'errors.partner_not_suspendable',
      });
    }
    await notify(tx, {
      staffRoles: ['admin', 'risk_officer'],
      template: 'notify.partner_suspended_staff',
      actor,
      params: { name: partner.legalName, reason: input.reason },
      link: `/s/partners/${partner.id}`,
    });
    return lockPartner(tx, partner.id);
  });
}

export const liftSuspensionInput = z.object({ partnerId: z.string(), reason: reasonField });

/**
 * Lifts a suspension: the partner returns to the status it had before, its people may
 * act again, and they are told. A live blacklist entry for its credit code must be
 * removed first.
 */
export async function liftSuspension(db: Database, actor: Actor, raw: z.input<typeof liftSuspensionInput>) {
  assertCan(actor, 'suspend:partner');
  const input = parse(liftSuspensionInput, raw);
  return db.transaction(async (tx) => {
    const partner = await lockPartner(tx, input.partnerId);
    if (partner.status !== 'suspended') {
      throw new AppError('conflict', 'This partner is not suspended.', {
        messageKey: 'errors.partner_not_suspended',
      });
    }
    if (await liveBlacklistEntry(tx, partner.creditCode)) {
      throw new AppError(
        'conflict',
        'This partner’s credit code is on the blacklist: remove the entry before lifting the suspension.',
        { messageKey: 'errors.partner_still_blacklisted' },
      );
    }
    const to = partner.statusBeforeSuspension ?? 'active';
    const [updated] = await tx
      .update(partners)
      .set({
        status: to,
        suspensionReason: null,
        suspendedAt: null,
        statusBeforeSuspension: null,
        updatedAt: new Date(),
      })
      .where(eq(partners.id, partner.id))
      .returning();
    await audit(tx, actor, {
      action: 'partner.suspension_lifted',
      entityType: 'partner',
      entityId: partner.id,
      partnerId: partner.id,
      data: { to, reason: input.reason, suspendedFor: partner.suspensionReason },
    });
    await notify(tx, {
      userIds: await memberIds(tx, partner.id),
      template: 'notify.partner_reinstated',
      params: { name: partner.legalName, reason: input.reason },
      link: '/p',
      email: 'partner_status',
    });
    return updated!;
  });
}

/** What adding a credit code to the blacklist would do: the partners it suspends and their open applications. */
export async function blacklistImpact(db: Database, creditCode: string) {
  const matched = await db
    .select()
    .from(partners)
    .where(
      and(eq(partners.creditCode, creditCode), inArray(partners.status, ['active', 'applying', 'invited'])),
    );
  if (matched.length === 0) return [];
  const open = await db
    .select({ partnerId: applications.partnerId, n: count() })
    .from(applications)
    .where(
      and(
        inArray(
          applications.partnerId,
          matched.map((p) => p.id),
        ),
        eq(applications.status, 'in_progress'),
      ),
    )
    .groupBy(applications.partnerId);
  return matched.map((p) => ({
    id: p.id,
    legalName: p.legalName,
    creditCode: p.creditCode,
    status: p.status,
    criticality: p.criticality,
    openApplications: open.find((o) => o.partnerId === p.id)?.n ?? 0,
  }));
}
export type BlacklistImpact = Awaited<ReturnType<typeof blacklistImpact>>;

async function lockPartner(tx: Database, partnerId: string): Promise<Partner> {
  if (!isUuid(partnerId)) throw notFound('Partner');
  const [partner] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for('update');
  if (!partner) throw notFound('Partner');
  return partner;
}

async function memberIds(tx: Database, partnerId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: partnerMemberships.userId })
    .from(partnerMemberships)
    .where(eq(partnerMemberships.partnerId, partnerId));
  return rows.map((r) => r.userId);
}

export interface PartnerHistoryEntry {
  id: number;
  at: Date;
  action: string;
  actorType: string;
  /** The person's display name, when a person did it. */
  actorName: string | null;
  data: Record<string, unknown>;
}

/** A partner's history for staff, newest first: every audit entry about it, with who did it. */
export async function partnerHistory(
  db: Database,
  actor: Actor,
  partnerId: string,
  limit = 100,
): Promise<PartnerHistoryEntry[]> {
  assertCan(actor, 'read:partner:any');
  if (!isUuid(partnerId)) throw notFound('Partner');
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      data: auditLog.data,
    })
    .from(auditLog)
    .where(eq(auditLog.partnerId, partnerId))
    .orderBy(desc(auditLog.id))
    .limit(Math.min(Math.max(1, limit), 500));
  const personIds = [
    ...new Set(
      rows.filter((r) => r.actorType === 'user' || r.actorType === 'slack').map((r) => r.actorId ?? ''),
    ),
  ].filter(isUuid);
  const people = personIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, personIds))
    : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actorType: r.actorType,
    actorName: (r.actorId && names.get(r.actorId)) || null,
    data: (r.data ?? {}) as Record<string, unknown>,
  }));
}
