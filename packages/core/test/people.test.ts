import {
  auditLog,
  type DatabaseConnection,
  departments,
  mfaRecoveryCodes,
  outbox,
  sessions,
  slackLinks,
  userMfa,
  users,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  acceptStaffInvitation,
  authenticateApiKey,
  createApiKey,
  changePartnerMemberRole,
  completePasswordToken,
  createAdministrator,
  deactivatePartnerMember,
  deactivateStaffMember,
  departmentOf,
  inviteStaff,
  listPartnerPeople,
  listStaff,
  personById,
  reactivateStaffMember,
  resetAuthenticator,
  requestPasswordReset,
  updateDepartment,
  updateStaffMember,
  verifyAuditChain,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let admin: Actor;
let legalId: string;
let riskId: string;
const rules = {
  hash: async (p: string) => `hashed:${p}`,
  problem: (p: string) => (p.length < 12 ? { key: 'account.passwordTooShort', message: 'Too short.' } : null),
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const tokenOf = (path: string) => path.split('/').at(-1)!;

beforeAll(async () => {
  conn = await createTestDatabase();
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  const all = await conn.db.select().from(departments);
  legalId = all.find((d) => d.key === 'legal')!.id;
  riskId = all.find((d) => d.key === 'risk')!.id;
});
afterAll(() => conn.close());

describe('staff invitations', () => {
  it('invites, accepts once, and the link cannot be used again', async () => {
    const issued = await inviteStaff(conn.db, admin, {
      email: 'New.Reviewer@outpost.test',
      staffRoles: ['reviewer'],
      departmentId: legalId,
    });
    const [mail] = await conn.db.select().from(outbox).where(eq(outbox.target, 'new.reviewer@outpost.test'));
    expect(mail?.payload).toMatchObject({
      subject: 'email.staff_invitation.subject',
      link: issued.acceptPath,
    });
    const token = tokenOf(issued.acceptPath);
    expect(
      (await refusal(acceptStaffInvitation(conn.db, token, { displayName: 'X', password: 'short' }, rules)))
        .status,
    ).toBe(422);
    const { userId } = await acceptStaffInvitation(
      conn.db,
      token,
      { displayName: '新同事', password: 'a long enough secret' },
      rules,
    );
    const person = await personById(conn.db, userId);
    expect(person?.actor).toMatchObject({ type: 'staff', roles: ['reviewer'] });
    expect((await departmentOf(conn.db, userId))?.key).toBe('legal');
    const again = await refusal(
      acceptStaffInvitation(conn.db, token, { displayName: 'Y', password: 'a long enough secret' }, rules),
    );
    expect(again.messageKey).toBe('errors.invitation_used');
  });

  it('refuses an expired link and non-administrators', async () => {
    const issued = await inviteStaff(conn.db, admin, {
      email: 'late@outpost.test',
      staffRoles: ['legal'],
      departmentId: legalId,
    });
    const { staffInvitations } = await import('@outpost/db');
    await conn.db
      .update(staffInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(staffInvitations.id, issued.invitationId));
    const expired = await refusal(
      acceptStaffInvitation(
        conn.db,
        tokenOf(issued.acceptPath),
        { displayName: 'L', password: 'a long enough secret' },
        rules,
      ),
    );
    expect(expired.messageKey).toBe('errors.invitation_expired');
    const reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
    expect(
      (
        await refusal(
          inviteStaff(conn.db, reviewer, {
            email: 'x@outpost.test',
            staffRoles: ['legal'],
            departmentId: legalId,
          }),
        )
      ).status,
    ).toBe(403);
  });
});

describe('roles, deactivation and the last administrator', () => {
  it('changes roles with before/after in the audit, deactivation ends sessions and Slack, old session refused', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer']);
    await updateStaffMember(conn.db, admin, {
      userId: user.id,
      staffRoles: ['risk_officer', 'reviewer'],
      departmentId: riskId,
    });
    const [entry] = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'user.staff_updated'));
    expect(entry?.data).toMatchObject({
      before: { staffRoles: ['reviewer'], department: null },
      after: { staffRoles: ['reviewer', 'risk_officer'], department: 'risk' },
    });
    await conn.db
      .insert(sessions)
      .values({ id: `s-${user.id}`, secretHash: new Uint8Array(32), userId: user.id });
    await conn.db
      .insert(slackLinks)
      .values({ userId: user.id, slackUserId: `U${user.id.slice(0, 8)}`, linkedVia: 'email' });
    const result = await deactivateStaffMember(conn.db, admin, {
      userId: user.id,
      reason: 'left the company',
    });
    expect(result).toMatchObject({ changed: true, sessionsEnded: 1 });
    expect(await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await conn.db.select().from(slackLinks).where(eq(slackLinks.userId, user.id))).toEqual([]);
    expect(await personById(conn.db, user.id)).toBeNull(); // an old cookie finds no person
    await reactivateStaffMember(conn.db, admin, { userId: user.id });
    expect((await personById(conn.db, user.id))?.actor.type).toBe('staff');
    const listed = await listStaff(conn.db, admin, { q: user.email });
    expect(listed.items[0]).toMatchObject({ status: 'active', department: { key: 'risk' } });
  });

  it('keeps the last active administrator and refuses deactivating oneself', async () => {
    const fresh = await createTestDatabase();
    try {
      const only = await makeStaff(fresh.db, ['admin']);
      const [management] = await fresh.db.select().from(departments).where(eq(departments.key, 'management'));
      const demote = await refusal(
        updateStaffMember(fresh.db, only.actor, {
          userId: only.user.id,
          staffRoles: ['reviewer'],
          departmentId: management!.id,
        }),
      );
      expect(demote.messageKey).toBe('people.error.lastAdmin');
      expect(
        (await refusal(deactivateStaffMember(fresh.db, only.actor, { userId: only.user.id }))).messageKey,
      ).toBe('people.error.deactivateSelf');
      const [row] = await fresh.db.select().from(users).where(eq(users.id, only.user.id));
      expect(row?.staffRoles).toEqual(['admin']);
    } finally {
      await fresh.close();
    }
  });

  it('refuses retiring a department that still has people', async () => {
    const { user } = await makeStaff(conn.db, ['legal']);
    await updateStaffMember(conn.db, admin, {
      userId: user.id,
      staffRoles: ['legal'],
      departmentId: legalId,
    });
    const error = await refusal(
      updateDepartment(conn.db, admin, {
        departmentId: legalId,
        nameZh: '法律部',
        nameEn: 'Legal',
        active: false,
      }),
    );
    expect(error.messageKey).toBe('people.error.departmentHasMembers');
  });
});

describe('partner administrators manage their own people only', () => {
  it('changes a role and deactivates within the partner; another partner’s person is not found', async () => {
    const partner = await makePartner(conn.db);
    const other = await makePartner(conn.db);
    const head = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const member = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const stranger = await makePartnerUser(conn.db, other.id, 'partner_member');
    await changePartnerMemberRole(conn.db, head.actor, { userId: member.user.id, role: 'partner_admin' });
    expect((await listPartnerPeople(conn.db, head.actor)).map((p) => p.id).sort()).toEqual(
      [head.user.id, member.user.id].sort(),
    );
    expect(
      (await refusal(deactivatePartnerMember(conn.db, head.actor, { userId: stranger.user.id }))).status,
    ).toBe(404);
    expect(
      (
        await refusal(
          changePartnerMemberRole(conn.db, head.actor, { userId: stranger.user.id, role: 'partner_admin' }),
        )
      ).status,
    ).toBe(404);
    // The member (an administrator now) created a key; deactivating them revokes it.
    const key = await createApiKey(conn.db, { ...member.actor, role: 'partner_admin' } as Actor, {
      name: 'Their script',
      scopes: ['events'],
    });
    expect(await authenticateApiKey(conn.db, key.key)).not.toBeNull();
    await deactivatePartnerMember(conn.db, head.actor, { userId: member.user.id });
    expect(await authenticateApiKey(conn.db, key.key)).toBeNull();
    // Now the head is the last active administrator.
    const self = await refusal(
      changePartnerMemberRole(conn.db, head.actor, { userId: head.user.id, role: 'partner_member' }),
    );
    expect(self.messageKey).toBe('people.error.lastPartnerAdmin');
    expect(
      (await refusal(deactivatePartnerMember(conn.db, member.actor, { userId: head.user.id }))).status,
    ).toBe(403);
  });
});

describe('password links and the first administrator', () => {
  it('admin:create refuses a second administrator without force and a reason; the set link works once', async () => {
    const fresh = await createTestDatabase();
    try {
      const first = await createAdministrator(fresh.db, {
        email: 'root@insurer.test',
        displayName: '首任管理员',
      });
      expect(first.forced).toBe(false);
      const second = await refusal(
        createAdministrator(fresh.db, { email: 'two@insurer.test', displayName: 'Two' }),
      );
      expect(second.messageKey).toBe('people.error.adminExists');
      expect(
        (
          await refusal(
            createAdministrator(fresh.db, { email: 'two@insurer.test', displayName: 'Two', force: true }),
          )
        ).status,
      ).toBe(422);
      const forced = await createAdministrator(fresh.db, {
        email: 'two@insurer.test',
        displayName: 'Two',
        force: true,
        reason: 'the first left',
      });
      expect(forced.forced).toBe(true);
      const [entry] = await fresh.db.select().from(auditLog).where(eq(auditLog.entityId, forced.userId));
      expect(entry).toMatchObject({
        action: 'user.admin_created',
        actorId: 'admin:create',
        data: { forced: true, reason: 'the first left' },
      });
      const token = tokenOf(first.link.path);
      await completePasswordToken(fresh.db, token, 'a long enough secret', rules);
      const [root] = await fresh.db.select().from(users).where(eq(users.id, first.userId));
      expect(root?.passwordHash).toBe('hashed:a long enough secret');
      expect(
        (await refusal(completePasswordToken(fresh.db, token, 'another long secret', rules))).messageKey,
      ).toBe('people.error.linkUsed');
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true });
    } finally {
      await fresh.close();
    }
  });

  it('a reset e-mails only existing active people, and the reset ends every session', async () => {
    const { user } = await makeStaff(conn.db, ['auditor'], { passwordHash: 'old' });
    await requestPasswordReset(conn.db, { email: 'nobody-here@outpost.test' });
    expect(await conn.db.select().from(outbox).where(eq(outbox.target, 'nobody-here@outpost.test'))).toEqual(
      [],
    );
    await requestPasswordReset(conn.db, { email: user.email.toUpperCase() });
    const [mail] = await conn.db.select().from(outbox).where(eq(outbox.target, user.email));
    const link = (mail!.payload as { link: string }).link;
    await conn.db
      .insert(sessions)
      .values({ id: `r-${user.id}`, secretHash: new Uint8Array(32), userId: user.id });
    expect((await refusal(completePasswordToken(conn.db, tokenOf(link), 'short', rules))).status).toBe(422);
    await completePasswordToken(conn.db, tokenOf(link), 'a brand new secret', rules);
    expect(await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    const { passwordTokens } = await import('@outpost/db');
    const [row] = await conn.db.select().from(passwordTokens).where(eq(passwordTokens.userId, user.id));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(30 * 60_000 + 1000);
  });
});

describe('an administrator resets a lost authenticator', () => {
  it('deletes the key and recovery codes, ends sessions, e-mails the person and audits the reason', async () => {
    const { user } = await makeStaff(conn.db, ['committee']);
    await conn.db
      .insert(userMfa)
      .values({ userId: user.id, sealedKey: new Uint8Array(44), confirmedAt: new Date() });
    await conn.db
      .insert(mfaRecoveryCodes)
      .values([1, 2, 3].map((n) => ({ userId: user.id, codeHash: new Uint8Array(32).fill(n) })));
    await conn.db
      .insert(sessions)
      .values({ id: `m-${user.id}`, secretHash: new Uint8Array(32), userId: user.id });
    expect((await listStaff(conn.db, admin, { q: user.email })).items[0]?.mfaEnabled).toBe(true);

    const missingReason = await refusal(
      resetAuthenticator(conn.db, admin, { userId: user.id, reason: '  ' }),
    );
    expect(missingReason.code).toBe('validation_failed');
    expect(await conn.db.select().from(userMfa).where(eq(userMfa.userId, user.id))).toHaveLength(1);

    const result = await resetAuthenticator(conn.db, admin, {
      userId: user.id,
      reason: 'phone lost, ticket 4711',
    });
    expect(result).toEqual({ changed: true, sessionsEnded: 1 });
    expect(await conn.db.select().from(userMfa).where(eq(userMfa.userId, user.id))).toEqual([]);
    expect(await conn.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id))).toEqual(
      [],
    );
    expect(await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    const mails = await conn.db.select().from(outbox).where(eq(outbox.target, user.email));
    expect(mails.map((m) => (m.payload as { subject: string }).subject)).toContain('email.mfa_reset.subject');
    const [entry] = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa_reset'));
    expect(entry).toMatchObject({
      entityId: user.id,
      data: { reason: 'phone lost, ticket 4711', sessionsEnded: 1 },
    });
    expect((await listStaff(conn.db, admin, { q: user.email })).items[0]?.mfaEnabled).toBe(false);

    // A second click finds nothing to reset and writes nothing.
    expect(await resetAuthenticator(conn.db, admin, { userId: user.id, reason: 'again' })).toEqual({
      changed: false,
      sessionsEnded: 0,
    });
    expect(await conn.db.select().from(auditLog).where(eq(auditLog.action, 'auth.mfa_reset'))).toHaveLength(
      1,
    );
  });

  it('refuses one’s own, non-administrators and partner users', async () => {
    const adminUserId = (admin as { userId: string }).userId;
    expect(
      (await refusal(resetAuthenticator(conn.db, admin, { userId: adminUserId, reason: 'x' }))).code,
    ).toBe('conflict');
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    const { user: target } = await makeStaff(conn.db, ['risk_officer']);
    expect(
      (await refusal(resetAuthenticator(conn.db, reviewer, { userId: target.id, reason: 'x' }))).code,
    ).toBe('forbidden');
    const partner = await makePartner(conn.db);
    const { user: partnerUser } = await makePartnerUser(conn.db, partner.id);
    expect(
      (await refusal(resetAuthenticator(conn.db, admin, { userId: partnerUser.id, reason: 'x' }))).code,
    ).toBe('not_found');
  });
});
