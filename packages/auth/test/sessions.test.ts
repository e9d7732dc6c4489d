import { makeStaff } from '@outpost/core/testing';
import { auditLog, type DatabaseConnection, sessions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  sessionFromRequest,
  validateSessionToken,
} from '../src/index.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const policy = { inactivityMs: 60_000, renewAfterMs: 10_000 };

describe('sessions', () => {
  it('stores only a hash of the secret and validates the token', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const { token, session } = await createSession(conn.db, user.id);
    const [, secret] = token.split('.');
    const [row] = await conn.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(Buffer.from(row!.secretHash).toString('hex')).not.toContain(Buffer.from(secret!).toString('hex'));
    expect((await validateSessionToken(conn.db, token))?.userId).toBe(user.id);
  });

  it('rejects forged, malformed and tampered tokens', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const { token } = await createSession(conn.db, user.id);
    const [id, secret] = token.split('.');
    const flipped = secret!.slice(0, -1) + (secret!.endsWith('a') ? 'b' : 'a');
    for (const bad of [
      `${id}.${flipped}`,
      `${id}.`,
      id,
      `${id}.${secret}.extra`,
      'x'.repeat(500),
      '',
      null,
    ]) {
      expect(await validateSessionToken(conn.db, bad)).toBeNull();
    }
  });

  it('expires after inactivity and slides while in use', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer']);
    const { token, session } = await createSession(conn.db, user.id);
    // 30 s idle: still valid, and renewed because it is past renewAfterMs.
    await conn.db
      .update(sessions)
      .set({ lastVerifiedAt: new Date(Date.now() - 30_000) })
      .where(eq(sessions.id, session.id));
    const renewed = await validateSessionToken(conn.db, token, policy);
    expect(renewed).not.toBeNull();
    expect(Date.now() - renewed!.lastVerifiedAt.getTime()).toBeLessThan(5_000);
    // 61 s idle: gone, and deleted.
    await conn.db
      .update(sessions)
      .set({ lastVerifiedAt: new Date(Date.now() - 61_000) })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(conn.db, token, policy)).toBeNull();
    expect(await conn.db.select().from(sessions).where(eq(sessions.id, session.id))).toEqual([]);
  });

  it('sign-out revokes the session; sign out everywhere keeps only the current one', async () => {
    const { user, actor } = await makeStaff(conn.db, ['reviewer']);
    const a = await createSession(conn.db, user.id);
    const b = await createSession(conn.db, user.id);
    const c = await createSession(conn.db, user.id);
    await invalidateSession(conn.db, actor, a.session.id);
    expect(await validateSessionToken(conn.db, a.token)).toBeNull();
    expect(await invalidateUserSessions(conn.db, actor, user.id, b.session.id)).toBe(1);
    expect(await validateSessionToken(conn.db, b.token)).not.toBeNull();
    expect(await validateSessionToken(conn.db, c.token)).toBeNull();
    const actions = (await conn.db.select().from(auditLog).where(eq(auditLog.entityId, user.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['auth.signed_out', 'auth.signed_out_everywhere']));
  });

  it('reads the person from the cookie and refreshes the cookie', async () => {
    const { user } = await makeStaff(conn.db, ['admin']);
    const { token } = await createSession(conn.db, user.id);
    const request = new Request('http://localhost:3000/s', {
      headers: { cookie: `other=1; outpost_session=${token}` },
    });
    const found = await sessionFromRequest(conn.db, request);
    expect(found?.person.actor).toMatchObject({ type: 'staff', userId: user.id, roles: ['admin'] });
    expect(found?.setCookie).toMatch(/^outpost_session=.+; Path=\/; SameSite=Lax; HttpOnly; Max-Age=\d+$/);
    const https = await sessionFromRequest(
      conn.db,
      new Request('https://outpost.example/s', { headers: { cookie: `outpost_session=${token}` } }),
    );
    expect(https?.setCookie).toContain('Secure');
  });
});
