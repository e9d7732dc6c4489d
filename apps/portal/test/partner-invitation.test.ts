import { validateSessionToken } from '@outpost/auth';
import { addToBlacklist } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { type DatabaseConnection, invitations, partnerMemberships, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acceptInvitationAction, loadInvitation } from '../app/lib/partner/invitation.server';
import { formOf, invitedPartnerWithAdmin } from './partner-support';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  await conn?.close();
});

const tokenOf = (acceptPath: string) => acceptPath.replace('/invitations/', '');
const goodForm = (extra: Record<string, string> = {}) =>
  formOf({
    displayName: '王伙伴',
    password: 'a-long-password-1',
    confirmPassword: 'a-long-password-1',
    ...extra,
  });

describe('the invitation page', () => {
  test('shows whom a valid link is for', async () => {
    const { partner, invitation } = await invitedPartnerWithAdmin(conn.db);
    const preview = await loadInvitation(conn.db, tokenOf(invitation.acceptPath), 'zh-CN');
    expect(preview).toMatchObject({ usable: true, partnerName: partner.legalName, role: 'partner_admin' });
  });

  test('explains a link that was never valid, without a server error', async () => {
    expect(await loadInvitation(conn.db, 'nope.nope', 'en')).toEqual({
      usable: false,
      status: 404,
      messageKey: 'errors.invitation_invalid',
    });
  });

  test('explains an expired link', async () => {
    const { invitation } = await invitedPartnerWithAdmin(conn.db);
    await conn.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.invitationId));
    expect(await loadInvitation(conn.db, tokenOf(invitation.acceptPath), 'en')).toMatchObject({
      usable: false,
      status: 410,
      messageKey: 'errors.invitation_expired',
    });
  });
});

describe('accepting an invitation', () => {
  test('refuses two different passwords before creating anything', async () => {
    const { invitation } = await invitedPartnerWithAdmin(conn.db);
    const result = await acceptInvitationAction(
      conn.db,
      tokenOf(invitation.acceptPath),
      goodForm({ confirmPassword: 'something-else-1' }),
      'zh-CN',
    );
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      errors: { fields: { confirmPassword: '两次输入的密码不一致。' } },
    });
    expect(await loadInvitation(conn.db, tokenOf(invitation.acceptPath), 'en')).toMatchObject({
      usable: true,
    });
  });

  test('says how long a password must be, in the reader’s language', async () => {
    const { invitation } = await invitedPartnerWithAdmin(conn.db);
    const result = await acceptInvitationAction(
      conn.db,
      tokenOf(invitation.acceptPath),
      goodForm({ password: 'short', confirmPassword: 'short', displayName: '' }),
      'en',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.fields?.password).toMatch(/12/);
    expect(result.errors.fields?.displayName).toBe('Enter your name.');
  });

  test('refuses a common password, in the reader’s language (decision record 042)', async () => {
    const { invitation } = await invitedPartnerWithAdmin(conn.db);
    const result = await acceptInvitationAction(
      conn.db,
      tokenOf(invitation.acceptPath),
      goodForm({ password: 'password1234', confirmPassword: 'password1234' }),
      'zh-CN',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.fields?.password).toContain('常见或已泄露的密码');
  });

  test('creates the account with the invited role and opens a session; the link then reads "used"', async () => {
    const { invitation, partner } = await invitedPartnerWithAdmin(conn.db);
    const token = tokenOf(invitation.acceptPath);
    const result = await acceptInvitationAction(conn.db, token, goodForm(), 'zh-CN', { userAgent: 'test' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await validateSessionToken(conn.db, result.session.token);
    expect(session).not.toBeNull();
    const [membership] = await conn.db
      .select()
      .from(partnerMemberships)
      .where(eq(partnerMemberships.userId, session!.userId));
    expect(membership).toMatchObject({ partnerId: partner.id, role: 'partner_admin' });

    const again = await acceptInvitationAction(conn.db, token, goodForm(), 'zh-CN');
    expect(again).toMatchObject({ ok: false, status: 410 });
    if (again.ok) return;
    expect(again.errors.form).toBe(translate('zh-CN', 'errors.invitation_used'));
  });

  test('a blacklisted organisation gets the neutral message and no account', async () => {
    const { invitation, partner, staff } = await invitedPartnerWithAdmin(conn.db);
    await addToBlacklist(conn.db, staff, {
      creditCode: partner.creditCode,
      name: partner.legalName,
      reason: 'Fraudulent claims found by the audit.',
      confirmed: true,
    });
    const before = (await conn.db.select().from(users)).length;
    const result = await acceptInvitationAction(conn.db, tokenOf(invitation.acceptPath), goodForm(), 'en');
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      errors: { form: 'This registration cannot be completed. Please contact the insurer.' },
    });
    expect((await conn.db.select().from(users)).length).toBe(before);
  });
});
