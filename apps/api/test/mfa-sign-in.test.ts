import { createSession, hashPassword, totpCode, totpStep } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApi } from './helpers.ts';

/** POST /api/v1/sessions for an account with two-step sign-in (decision record 043): the code in the same request. */
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let email: string;
const password = 'correct horse battery';
beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  const staff = await makeStaff(conn.db, ['admin'], { passwordHash: await hashPassword(password) });
  email = staff.user.email;
  await enrolTotpForTest(conn.db, staff.user.id, TEST_TOTP_KEY);
});
afterAll(() => conn.close());

describe('API sign-in with an authenticator', () => {
  it('asks for the code, refuses a wrong one and the same one twice, and signs in with the right one', async () => {
    const missing = await api.request('/v1/sessions', json({ email, password }));
    expect(missing.status).toBe(401);
    const missingBody = (await missing.json()) as {
      error: { code: string; details: Record<string, unknown> };
    };
    expect(missingBody.error.details).toMatchObject({ secondFactor: 'required' });
    expect(missing.headers.get('set-cookie') ?? '').not.toContain('outpost_session=');

    const wrong = await api.request('/v1/sessions', json({ email, password, code: '000000' }));
    expect(wrong.status).toBe(422);

    const code = totpCode(TEST_TOTP_KEY, totpStep());
    const ok = await api.request('/v1/sessions', json({ email, password, code }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get('set-cookie')).toContain('outpost_session=');

    const again = await api.request('/v1/sessions', json({ email, password, code }));
    expect(again.status).toBe(422);
    const againBody = (await again.json()) as { error: { message: string } };
    expect(againBody.error.message).toMatch(/already used/);
  });
});

describe('a required authenticator that is not set up yet', () => {
  const sessionOf = async (userId: string) =>
    `outpost_session=${(await createSession(conn.db, userId)).token}`;

  it('refuses everything but signing out, saying where to set it up; a role that does not require it works', async () => {
    const risk = await makeStaff(conn.db, ['risk_officer']);
    const cookie = await sessionOf(risk.user.id);
    const refused = await api.request('/v1/me', { headers: { cookie } });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: Record<string, unknown> };
    };
    expect(body.error).toMatchObject({
      code: 'forbidden',
      details: { secondFactor: 'setup_required', setupPath: '/account/mfa' },
    });
    expect(body.error.message).toMatch(/two-step sign-in/);
    const out = await api.request('/v1/sessions/current', { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);

    // Set up: the same kind of session works.
    await enrolTotpForTest(conn.db, risk.user.id, TEST_TOTP_KEY);
    expect((await api.request('/v1/me', { headers: { cookie: await sessionOf(risk.user.id) } })).status).toBe(
      200,
    );

    // Reviewers and partner users are not required to have one by default.
    const reviewer = await makeStaff(conn.db, ['reviewer']);
    expect(
      (await api.request('/v1/me', { headers: { cookie: await sessionOf(reviewer.user.id) } })).status,
    ).toBe(200);
    const partner = await makePartner(conn.db, { status: 'active' });
    const member = await makePartnerUser(conn.db, partner.id);
    expect(
      (await api.request('/v1/me', { headers: { cookie: await sessionOf(member.user.id) } })).status,
    ).toBe(200);
  });
});
