import { authenticateApiKey } from '@outpost/core';
import { makePartnerUser } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiKeyAction, loadApiKeys, revokeApiKeyAction } from '../app/lib/partner/api-keys.server';
import type { PartnerActor } from '../app/lib/partner/partner-viewer.server';
import { inviteColleagueAction, loadTeam } from '../app/lib/partner/team.server';
import { formOf, invitedPartnerWithAdmin } from './partner-support';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  await conn?.close();
});

const urls = { publicUrl: 'https://outpost.example.com' };

describe('the team page', () => {
  test('lists only the organisation’s own people', async () => {
    const first = await invitedPartnerWithAdmin(conn.db);
    const second = await invitedPartnerWithAdmin(conn.db);
    await makePartnerUser(conn.db, first.partner.id, 'partner_member');
    const team = await loadTeam(conn.db, first.admin, 'en');
    expect(team.members).toHaveLength(2);
    expect(team.members.find((m) => m.isYou)?.email).toBe(first.adminUser.email);
    expect(team.members.some((m) => m.email === second.adminUser.email)).toBe(false);
    expect(team.canInvite).toBe(true);
  });

  test('without SMTP the administrator gets the link to pass on; it then shows as pending', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db);
    const result = await inviteColleagueAction(
      conn.db,
      admin,
      formOf({ email: 'Colleague@Example.test', role: 'partner_member' }),
      'en',
      { ...urls, mailEnabled: false },
    );
    expect(result).toMatchObject({ ok: true, email: 'colleague@example.test' });
    if (!result.ok) return;
    expect(result.link).toMatch(/^https:\/\/outpost\.example\.com\/invitations\/[^/]+\.[^/]+$/);
    const team = await loadTeam(conn.db, admin, 'en');
    // The fixture's own administrator invitation is still open too.
    expect(team.pending.map((p) => p.email)).toContain('colleague@example.test');
  });

  test('with SMTP the link is not shown (it went by e-mail)', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db);
    const result = await inviteColleagueAction(conn.db, admin, formOf({ email: 'mail@example.test' }), 'en', {
      ...urls,
      mailEnabled: true,
    });
    expect(result).toMatchObject({ ok: true, link: null });
  });

  test('an e-mail that already has an account is refused on the field', async () => {
    const { admin, adminUser } = await invitedPartnerWithAdmin(conn.db);
    const result = await inviteColleagueAction(conn.db, admin, formOf({ email: adminUser.email }), 'zh-CN', {
      ...urls,
      mailEnabled: false,
    });
    expect(result).toMatchObject({ ok: false, status: 409 });
    if (result.ok) return;
    expect(result.errors.fields?.email).toBeTruthy();
  });

  test('members see the team but cannot invite', async () => {
    const { partner } = await invitedPartnerWithAdmin(conn.db);
    const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const member = actor as PartnerActor;
    const team = await loadTeam(conn.db, member, 'en');
    expect(team.canInvite).toBe(false);
    expect(team.pending).toEqual([]);
    const result = await inviteColleagueAction(conn.db, member, formOf({ email: 'x@example.test' }), 'en', {
      ...urls,
      mailEnabled: false,
    });
    expect(result).toMatchObject({ ok: false, status: 403 });
  });
});

describe('API keys', () => {
  test('a key is shown once at creation, works, is listed by prefix only, and stops working when revoked', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db);
    const created = await createApiKeyAction(
      conn.db,
      admin,
      formOf({ intent: 'create', name: 'ERP', scopes: ['documents'] }),
      'en',
    );
    expect(created).toMatchObject({ intent: 'create', ok: true, name: 'ERP' });
    if (!created.ok || created.intent !== 'create') return;
    expect(await authenticateApiKey(conn.db, created.key)).toMatchObject({ partnerId: admin.partnerId });

    const listed = await loadApiKeys(conn.db, admin, 'en');
    expect(listed.keys).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const revoked = await revokeApiKeyAction(conn.db, admin, formOf({ keyId: listed.keys[0]!.id }), 'en');
    expect(revoked).toMatchObject({ ok: true, notice: 'The key “ERP” was revoked.' });
    expect(await authenticateApiKey(conn.db, created.key)).toBeNull();
    expect((await loadApiKeys(conn.db, admin, 'en')).keys[0]?.revoked).toBeTruthy();
  });

  test('a name and at least one purpose are required', async () => {
    const { admin } = await invitedPartnerWithAdmin(conn.db);
    const result = await createApiKeyAction(conn.db, admin, formOf({ name: ' ' }), 'zh-CN');
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      errors: { fields: { name: '请填写密钥名称。', scopes: '请至少选择一项用途。' } },
    });
  });

  test('another partner’s key cannot be revoked', async () => {
    const first = await invitedPartnerWithAdmin(conn.db);
    const second = await invitedPartnerWithAdmin(conn.db);
    await createApiKeyAction(conn.db, first.admin, formOf({ name: 'CRM', scopes: ['events'] }), 'en');
    const [key] = (await loadApiKeys(conn.db, first.admin, 'en')).keys;
    const result = await revokeApiKeyAction(conn.db, second.admin, formOf({ keyId: key!.id }), 'en');
    expect(result).toMatchObject({ ok: false, status: 404 });
  });

  test('partner members are refused', async () => {
    const { partner } = await invitedPartnerWithAdmin(conn.db);
    const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    await expect(loadApiKeys(conn.db, actor as PartnerActor, 'en')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
