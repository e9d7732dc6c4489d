import { type Database, departments, staffInvitations, staffRoles, userMfa, users } from '@outpost/db';
import { and, asc, count, desc, eq, gt, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, StaffRole } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { emailAddress, pageNumber, pageSize, personName, rowId, shortText } from '../fields.ts';
import { queueEmail } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { hashSecret, randomToken, secretMatches } from '../secrets.ts';
import { parse } from '../validation.ts';
import { endPersonalAccess, type PasswordRules } from './access.ts';
import { assertUsableDepartment } from './departments.ts';
import { passwordProblemError } from './password-shared.ts';

/**
 * Staff administration (decision record 042): administrators (manage:users) list the insurer's
 * people, invite them by e-mail (a single-use, expiring link, as partner invitations), change
 * their roles and department, deactivate and reactivate them. Every change is audited with what
 * it was before and after.
 */
export const STAFF_INVITATION_TTL_DAYS = 7;

const staffRole = z.enum(staffRoles);
const roleList = z
  .array(staffRole, 'Choose at least one role.')
  .min(1, 'Choose at least one role.')
  .max(staffRoles.length)
  .transform((roles) => [...new Set(roles)].sort() as StaffRole[]);

function actorUserId(actor: Actor): string | null {
  return actor.type === 'staff' || actor.type === 'partner' || actor.type === 'user' ? actor.userId : null;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export const listStaffInput = z.object({
  q: shortText(100).optional(),
  status: z.enum(['active', 'disabled', 'all']).default('all'),
  departmentId: rowId().optional(),
  role: staffRole.optional(),
  page: pageNumber().default(1),
  pageSize: pageSize(100).default(25),
});

/** The insurer's people with role, department, status and last sign-in; searched by name or e-mail. */
export async function listStaff(db: Database, actor: Actor, raw: z.input<typeof listStaffInput> = {}) {
  assertCan(actor, 'manage:users');
  const input = parse(listStaffInput, raw);
  const conditions: SQL[] = [eq(users.kind, 'staff')];
  if (input.status !== 'all') conditions.push(eq(users.status, input.status));
  if (input.departmentId) conditions.push(eq(users.departmentId, input.departmentId));
  if (input.role) conditions.push(sql`${input.role} = any(${users.staffRoles})`);
  if (input.q) {
    const like = escapeLike(input.q);
    conditions.push(or(ilike(users.displayName, like), ilike(users.email, like)) as SQL);
  }
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        displayName: users.displayName,
        email: users.email,
        staffRoles: users.staffRoles,
        status: users.status,
        lastSignedInAt: users.lastSignedInAt,
        createdAt: users.createdAt,
        mfaEnabled: sql<boolean>`exists (select 1 from ${userMfa} where ${userMfa.userId} = ${users.id} and ${userMfa.confirmedAt} is not null)`,
        departmentId: departments.id,
        departmentKey: departments.key,
        departmentNameZh: departments.nameZh,
        departmentNameEn: departments.nameEn,
      })
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(asc(users.status), asc(users.displayName), asc(users.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return {
    items: items.map(({ departmentId, departmentKey, departmentNameZh, departmentNameEn, ...person }) => ({
      ...person,
      department:
        departmentId && departmentKey
          ? { id: departmentId, key: departmentKey, nameZh: departmentNameZh!, nameEn: departmentNameEn! }
          : null,
    })),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Invitations still waiting to be accepted (not used, revoked or expired). */
export async function pendingStaffInvitations(db: Database, actor: Actor) {
  assertCan(actor, 'manage:users');
  return db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      staffRoles: staffInvitations.staffRoles,
      departmentId: staffInvitations.departmentId,
      expiresAt: staffInvitations.expiresAt,
      createdAt: staffInvitations.createdAt,
    })
    .from(staffInvitations)
    .where(
      and(
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(staffInvitations.createdAt))
    .limit(200);
}

export const inviteStaffInput = z.object({
  email: emailAddress(),
  staffRoles: roleList,
  departmentId: rowId('Choose a department.'),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export interface IssuedStaffInvitation {
  invitationId: string;
  acceptPath: string;
  expiresAt: Date;
}

/**
 * Invites a member of staff: a single-use link (7 days) by e-mail. Inviting an address again
 * replaces its pending invitation (the old link stops working), so a retry never leaves two.
 */
export async function inviteStaff(
  db: Database,
  actor: Actor,
  raw: z.input<typeof inviteStaffInput>,
): Promise<IssuedStaffInvitation> {
  assertCan(actor, 'manage:users');
  const input = parse(inviteStaffInput, raw);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const department = await assertUsableDepartment(tx, input.departmentId);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (taken) {
      throw new AppError('conflict', 'Someone with this e-mail already has an account.', {
        messageKey: 'errors.email_taken',
        details: { field: 'email', userId: taken.id },
      });
    }
    const replaced = await tx
      .update(staffInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          sql`lower(${staffInvitations.email}) = ${email}`,
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .returning({ id: staffInvitations.id });
    const id = randomToken();
    const secret = randomToken(20);
    const expiresAt = new Date(Date.now() + STAFF_INVITATION_TTL_DAYS * 24 * 3600 * 1000);
    await tx.insert(staffInvitations).values({
      id,
      secretHash: hashSecret(secret),
      email,
      staffRoles: input.staffRoles,
      departmentId: department.id,
      locale: input.locale,
      invitedBy: actorUserId(actor),
      expiresAt,
    });
    const acceptPath = `/staff-invitations/${id}.${secret}`;
    await queueEmail(tx, {
      to: email,
      subject: 'email.staff_invitation.subject',
      body: 'email.staff_invitation.body',
      params: { days: STAFF_INVITATION_TTL_DAYS },
      link: acceptPath,
      locale: input.locale,
    });
    await audit(tx, actor, {
      action: 'staff_invitation.issued',
      entityType: 'staff_invitation',
      entityId: id,
      data: {
        email,
        staffRoles: input.staffRoles,
        department: department.key,
        expiresAt: expiresAt.toISOString(),
        replaced: replaced.map((r) => r.id),
      },
    });
    return { invitationId: id, acceptPath, expiresAt };
  });
}

/** Withdraws a pending invitation: its link stops working. */
export async function revokeStaffInvitation(db: Database, actor: Actor, invitationId: string) {
  assertCan(actor, 'manage:users');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(staffInvitations.id, String(invitationId).slice(0, 100)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('Pending invitation');
    await audit(tx, actor, {
      action: 'staff_invitation.revoked',
      entityType: 'staff_invitation',
      entityId: row.id,
      data: { email: row.email },
    });
    return row;
  });
}

async function usableStaffInvitation(db: Database, token: string, forUpdate: boolean) {
  const [id, secret, extra] = token.split('.');
  const invalid = () =>
    new AppError('not_found', 'This invitation link is not valid.', {
      messageKey: 'errors.invitation_invalid',
    });
  if (!id || !secret || extra !== undefined || token.length > 200) throw invalid();
  const query = db.select().from(staffInvitations).where(eq(staffInvitations.id, id));
  const [invitation] = forUpdate ? await query.for('update') : await query;
  if (!invitation || !secretMatches(secret, new Uint8Array(invitation.secretHash))) throw invalid();
  if (invitation.acceptedAt || invitation.revokedAt) {
    throw new AppError('gone', 'This invitation has already been used.', {
      messageKey: 'errors.invitation_used',
    });
  }
  if (invitation.expiresAt.getTime() <= Date.now()) {
    throw new AppError('gone', 'This invitation has expired; ask for a new one.', {
      messageKey: 'errors.invitation_expired',
    });
  }
  return invitation;
}

/** What the acceptance page shows: the e-mail, roles and department the link is for. */
export async function previewStaffInvitation(db: Database, token: string) {
  const invitation = await usableStaffInvitation(db, token, false);
  const [department] = invitation.departmentId
    ? await db.select().from(departments).where(eq(departments.id, invitation.departmentId))
    : [];
  return {
    email: invitation.email,
    staffRoles: invitation.staffRoles,
    department: department
      ? { key: department.key, nameZh: department.nameZh, nameEn: department.nameEn }
      : null,
    expiresAt: invitation.expiresAt,
  };
}

export const acceptStaffInvitationInput = z.object({
  displayName: personName('Enter your name.'),
  password: z.string().max(10_000),
});

/** Accepts a staff invitation: creates the account with its roles and department and burns the link, atomically. */
export async function acceptStaffInvitation(
  db: Database,
  token: string,
  raw: z.input<typeof acceptStaffInvitationInput>,
  rules: PasswordRules,
): Promise<{ userId: string }> {
  const input = parse(acceptStaffInvitationInput, raw);
  const problem = rules.problem(input.password);
  if (problem) throw passwordProblemError(problem);
  await usableStaffInvitation(db, token, false);
  const passwordHash = await rules.hash(input.password);
  return db.transaction(async (tx) => {
    const invitation = await usableStaffInvitation(tx, token, true);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${invitation.email}`);
    if (taken) {
      throw new AppError('conflict', 'Someone with this e-mail already has an account; sign in instead.', {
        messageKey: 'errors.email_taken',
      });
    }
    const [user] = await tx
      .insert(users)
      .values({
        kind: 'staff',
        email: invitation.email,
        displayName: input.displayName,
        passwordHash,
        passwordChangedAt: new Date(),
        staffRoles: invitation.staffRoles,
        departmentId: invitation.departmentId,
        locale: invitation.locale,
      })
      .returning();
    await tx
      .update(staffInvitations)
      .set({ acceptedAt: new Date(), acceptedUserId: user!.id })
      .where(eq(staffInvitations.id, invitation.id));
    await audit(
      tx,
      { type: 'user', userId: user!.id },
      {
        action: 'staff_invitation.accepted',
        entityType: 'staff_invitation',
        entityId: invitation.id,
        data: { email: invitation.email, userId: user!.id, staffRoles: invitation.staffRoles },
      },
    );
    return { userId: user!.id };
  });
}

async function lockedStaff(tx: Database, userId: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, 'staff')))
    .for('update');
  if (!user) throw notFound('Staff member');
  return user;
}

/** Whether another active administrator than `userId` would remain. Locks the administrators' rows. */
async function anotherActiveAdmin(tx: Database, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.kind, 'staff'),
        eq(users.status, 'active'),
        sql`'admin' = any(${users.staffRoles})`,
        ne(users.id, userId),
      ),
    )
    .for('update');
  return rows.length > 0;
}

const lastAdmin = () =>
  new AppError(
    'conflict',
    'This is the last active administrator; make someone else an administrator first.',
    {
      messageKey: 'people.error.lastAdmin',
    },
  );

export const updateStaffInput = z.object({
  userId: rowId(),
  staffRoles: roleList,
  departmentId: rowId('Choose a department.'),
});

/** Changes a staff member's roles and department; the last active administrator keeps the role. */
export async function updateStaffMember(db: Database, actor: Actor, raw: z.input<typeof updateStaffInput>) {
  assertCan(actor, 'manage:users');
  const input = parse(updateStaffInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockedStaff(tx, input.userId);
    const department = await assertUsableDepartment(tx, input.departmentId);
    const wasAdmin = before.staffRoles.includes('admin');
    if (wasAdmin && !input.staffRoles.includes('admin') && before.status === 'active') {
      if (!(await anotherActiveAdmin(tx, before.id))) throw lastAdmin();
    }
    const rolesChanged = [...before.staffRoles].sort().join() !== input.staffRoles.join();
    const departmentChanged = before.departmentId !== department.id;
    if (!rolesChanged && !departmentChanged) return { changed: false };
    await tx
      .update(users)
      .set({ staffRoles: input.staffRoles, departmentId: department.id, updatedAt: new Date() })
      .where(eq(users.id, before.id));
    const [beforeDepartment] = before.departmentId
      ? await tx
          .select({ key: departments.key })
          .from(departments)
          .where(eq(departments.id, before.departmentId))
      : [];
    await audit(tx, actor, {
      action: 'user.staff_updated',
      entityType: 'user',
      entityId: before.id,
      data: {
        before: { staffRoles: before.staffRoles, department: beforeDepartment?.key ?? null },
        after: { staffRoles: input.staffRoles, department: department.key },
      },
    });
    return { changed: true };
  });
}

export const deactivationInput = z.object({
  userId: rowId(),
  reason: shortText(500).optional(),
});

/**
 * Deactivates a member of staff: they cannot sign in, every session ends at once, Slack is
 * unlinked and their personal links and keys are revoked (access.ts). Nobody deactivates
 * themselves, nor the last active administrator.
 */
export async function deactivateStaffMember(
  db: Database,
  actor: Actor,
  raw: z.input<typeof deactivationInput>,
) {
  assertCan(actor, 'manage:users');
  const input = parse(deactivationInput, raw);
  if (actorUserId(actor) === input.userId) {
    throw new AppError('conflict', 'You cannot deactivate yourself; ask another administrator.', {
      messageKey: 'people.error.deactivateSelf',
    });
  }
  return db.transaction(async (tx) => {
    const before = await lockedStaff(tx, input.userId);
    if (before.status === 'disabled') return { changed: false, sessionsEnded: 0 };
    if (before.staffRoles.includes('admin') && !(await anotherActiveAdmin(tx, before.id))) throw lastAdmin();
    await tx.update(users).set({ status: 'disabled', updatedAt: new Date() }).where(eq(users.id, before.id));
    const ended = await endPersonalAccess(tx, before.id);
    await audit(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: before.id,
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

/** Brings a deactivated member of staff back: they sign in with their password (or reset it). */
export async function reactivateStaffMember(db: Database, actor: Actor, raw: { userId: string }) {
  assertCan(actor, 'manage:users');
  const { userId } = parse(z.object({ userId: rowId() }), raw);
  return db.transaction(async (tx) => {
    const before = await lockedStaff(tx, userId);
    if (before.status === 'active') return { changed: false };
    await tx.update(users).set({ status: 'active', updatedAt: new Date() }).where(eq(users.id, before.id));
    await audit(tx, actor, {
      action: 'user.reactivated',
      entityType: 'user',
      entityId: before.id,
      data: { before: { status: 'disabled' }, after: { status: 'active' } },
    });
    return { changed: true };
  });
}
