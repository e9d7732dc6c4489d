import { type Database, membershipRoles, partnerMemberships, users } from '@outpost/db';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { rowId, shortText } from '../fields.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { endPersonalAccess } from './access.ts';

/**
 * A partner administrator manages its own organisation's people (decision record 042): role,
 * deactivation (sessions end at once, keys they created are revoked), reactivation. Every query
 * is scoped by the actor's partner id, never one from the request: a person of another partner
 * is simply not found.
 */
function partnerActor(actor: Actor): Extract<Actor, { type: 'partner' }> {
  assertCan(actor, 'manage:partner-users:own');
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Only partner administrators manage their people.');
  return actor;
}

/** The people of the actor's own organisation with role, status and last sign-in. */
export async function listPartnerPeople(db: Database, actor: Actor) {
  const own = actor.type === 'partner' ? actor : null;
  if (!own)
    throw new AppError('forbidden', 'Only partner people read their team.', {
      messageKey: 'errors.forbidden',
    });
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      status: users.status,
      lastSignedInAt: users.lastSignedInAt,
      role: partnerMemberships.role,
      since: partnerMemberships.createdAt,
    })
    .from(partnerMemberships)
    .innerJoin(users, eq(users.id, partnerMemberships.userId))
    .where(eq(partnerMemberships.partnerId, own.partnerId))
    .orderBy(asc(partnerMemberships.createdAt))
    .limit(500);
}

async function lockedMember(tx: Database, partnerId: string, userId: string) {
  const [row] = await tx
    .select({ user: users, role: partnerMemberships.role })
    .from(partnerMemberships)
    .innerJoin(users, eq(users.id, partnerMemberships.userId))
    .where(and(eq(partnerMemberships.partnerId, partnerId), eq(partnerMemberships.userId, userId)))
    .for('update');
  if (!row) throw notFound('Person');
  return row;
}

async function anotherActivePartnerAdmin(tx: Database, partnerId: string, userId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(partnerMemberships)
    .innerJoin(users, eq(users.id, partnerMemberships.userId))
    .where(
      and(
        eq(partnerMemberships.partnerId, partnerId),
        eq(partnerMemberships.role, 'partner_admin'),
        eq(users.status, 'active'),
        ne(users.id, userId),
      ),
    )
    .for('update');
  return rows.length > 0;
}

const lastPartnerAdmin = () =>
  new AppError(
    'conflict',
    'This is your organisation’s last active administrator; make someone else one first.',
    {
      messageKey: 'people.error.lastPartnerAdmin',
    },
  );

export const partnerRoleInput = z.object({ userId: rowId(), role: z.enum(membershipRoles) });

/** Changes a colleague's role (administrator or member); the last active administrator stays one. */
export async function changePartnerMemberRole(
  db: Database,
  actor: Actor,
  raw: z.input<typeof partnerRoleInput>,
) {
  const own = partnerActor(actor);
  await assertPartnerActive(db, actor);
  const input = parse(partnerRoleInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockedMember(tx, own.partnerId, input.userId);
    if (before.role === input.role) return { changed: false };
    if (before.role === 'partner_admin' && before.user.status === 'active') {
      if (!(await anotherActivePartnerAdmin(tx, own.partnerId, input.userId))) throw lastPartnerAdmin();
    }
    await tx
      .update(partnerMemberships)
      .set({ role: input.role })
      .where(
        and(eq(partnerMemberships.partnerId, own.partnerId), eq(partnerMemberships.userId, input.userId)),
      );
    await audit(tx, actor, {
      action: 'partner_member.role_changed',
      entityType: 'user',
      entityId: input.userId,
      partnerId: own.partnerId,
      data: { before: { role: before.role }, after: { role: input.role } },
    });
    return { changed: true };
  });
}

export const partnerDeactivationInput = z.object({ userId: rowId(), reason: shortText(500).optional() });

/** Deactivates a colleague: no sign-in, every session ends at once, the API keys they created are revoked. */
export async function deactivatePartnerMember(
  db: Database,
  actor: Actor,
  raw: z.input<typeof partnerDeactivationInput>,
) {
  const own = partnerActor(actor);
  await assertPartnerActive(db, actor);
  const input = parse(partnerDeactivationInput, raw);
  if (input.userId === own.userId) {
    throw new AppError('conflict', 'You cannot deactivate yourself; ask another administrator.', {
      messageKey: 'people.error.deactivateSelf',
    });
  }
  return db.transaction(async (tx) => {
    const before = await lockedMember(tx, own.partnerId, input.userId);
    if (before.user.status === 'disabled') return { changed: false, sessionsEnded: 0 };
    if (
      before.role === 'partner_admin' &&
      !(await anotherActivePartnerAdmin(tx, own.partnerId, input.userId))
    ) {
      throw lastPartnerAdmin();
    }
    await tx
      .update(users)
      .set({ status: 'disabled', updatedAt: new Date() })
      .where(eq(users.id, input.userId));
    const ended = await endPersonalAccess(tx, input.userId);
    await audit(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: input.userId,
      partnerId: own.partnerId,
      data: {
        before: { status: 'active' },
        after: { status: 'disabled' },
        reason: input.reason ?? null,
        ...ended,
      },
    });
    return { changed: true, sessionsEnded: ended.sessionsEnded };
  });
}

/** Brings a deactivated colleague back. */
export async function reactivatePartnerMember(db: Database, actor: Actor, raw: { userId: string }) {
  const own = partnerActor(actor);
  await assertPartnerActive(db, actor);
  const { userId } = parse(z.object({ userId: rowId() }), raw);
  return db.transaction(async (tx) => {
    const before = await lockedMember(tx, own.partnerId, userId);
    if (before.user.status === 'active') return { changed: false };
    await tx.update(users).set({ status: 'active', updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(tx, actor, {
      action: 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      partnerId: own.partnerId,
      data: { before: { status: 'disabled' }, after: { status: 'active' } },
    });
    return { changed: true };
  });
}
