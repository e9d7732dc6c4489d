import { makeStaff } from '@outpost/core/testing';
import { auditLog, type DatabaseConnection, loginThrottle, sessions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changePassword,
  configureAuth,
  hashPassword,
  signIn,
  throttlePolicy,
  validateSessionToken,
} from '../src/index.ts';

let conn: DatabaseConnection;
let passwordHash: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  passwordHash = await hashPassword('correct horse battery');
});
afterAll(() => conn.close());

describe('sign-in', () => {
  it('opens a session with the right password (e-mail case-insensitive), argon2id stored', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer'], {
      passwordHash,
      email: 'Mixed.Case@outpost.test',
    });
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    const result = await signIn(conn.db, {
      email: ' mixed.case@OUTPOST.test ',
      password: 'correct horse battery',
      ip: '10.0.0.1',
    });
    expect(result.userId).toBe(user.id);
    expect(await validateSessionToken(conn.db, result.token)).not.toBeNull();
  });

  it('gives the same error for an unknown account and a wrong password', async () => {
    await makeStaff(conn.db, ['reviewer'], { passwordHash, email: 'known@outpost.test' });
    const unknown = await signIn(conn.db, {
      email: 'nobody@outpost.test',
      password: 'whatever',
      ip: '10.0.0.2',
    }).catch((e) => e);
    const wrong = await signIn(conn.db, {
      email: 'known@outpost.test',
      password: 'wrong',
      ip: '10.0.0.2',
    }).catch((e) => e);
    expect(unknown).toMatchObject({ code: 'invalid_credentials', message: wrong.message });
    expect(wrong).toMatchObject({ code: 'invalid_credentials' });
    const failures = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign_in_failed'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('locks an account after repeated failures, even with the right password, and across IPs', async () => {
    await makeStaff(conn.db, ['reviewer'], { passwordHash, email: 'target@outpost.test' });
    for (let i = 0; i < throttlePolicy.account.maxFailures; i++) {
      await signIn(conn.db, {
        email: 'target@outpost.test',
        password: `guess-${i}`,
        ip: `10.1.0.${i}`,
      }).catch(() => {});
    }
    await expect(
      signIn(conn.db, { email: 'target@outpost.test', password: 'correct horse battery', ip: '10.9.9.9' }),
    ).rejects.toMatchObject({ code: 'too_many_requests', details: { minutes: 15 } });
    // Once the lock has passed, the right password works again and clears the counter.
    await conn.db.update(loginThrottle).set({
      lockedUntil: sql`now() - interval '1 second'`,
      windowStartedAt: sql`now() - interval '1 hour'`,
    });
    await expect(
      signIn(conn.db, { email: 'target@outpost.test', password: 'correct horse battery', ip: '10.9.9.9' }),
    ).resolves.toBeTruthy();
    expect(
      await conn.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'account:target@outpost.test')),
    ).toEqual([]);
  });

  it('counts parallel guesses before checking them: 20 at once, only the first 5 are checked', async () => {
    await makeStaff(conn.db, ['reviewer'], { passwordHash, email: 'parallel@outpost.test' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(conn.db, { email: 'parallel@outpost.test', password: `guess-${i}`, ip: `10.3.0.${i}` }).catch(
          (e) => e.code as string,
        ),
      ),
    );
    expect(results.filter((r) => r === 'invalid_credentials')).toHaveLength(
      throttlePolicy.account.maxFailures,
    );
    expect(results.filter((r) => r === 'too_many_requests')).toHaveLength(
      20 - throttlePolicy.account.maxFailures,
    );
    const checked = await conn.db
      .select()
      .from(auditLog)
      .where(
        sql`${auditLog.action} = 'auth.sign_in_failed' and ${auditLog.data}->>'email' = 'parallel@outpost.test'`,
      );
    expect(checked).toHaveLength(throttlePolicy.account.maxFailures);
  });

  it('failures from foreign addresses do not lock out the browser that signed in before (device cookie)', async () => {
    configureAuth({ deviceCookieKey: new TextEncoder().encode('a test key of at least thirty-two chars') });
    try {
      await makeStaff(conn.db, ['reviewer'], { passwordHash, email: 'owner@outpost.test' });
      const first = await signIn(conn.db, {
        email: 'owner@outpost.test',
        password: 'correct horse battery',
        ip: '10.4.0.1',
      });
      expect(first.deviceCookie).toMatch(/^[\w-]+\.[\w-]+$/);
      // An attacker guesses from five addresses: untrusted clients are now locked out…
      for (let i = 0; i < throttlePolicy.account.maxFailures; i++) {
        await signIn(conn.db, {
          email: 'owner@outpost.test',
          password: `guess-${i}`,
          ip: `198.51.100.${i}`,
        }).catch(() => {});
      }
      await expect(
        signIn(conn.db, { email: 'owner@outpost.test', password: 'correct horse battery', ip: '10.4.0.2' }),
      ).rejects.toMatchObject({ code: 'too_many_requests' });
      // …but the owner's browser, from a clean address, still signs in.
      const again = await signIn(conn.db, {
        email: 'owner@outpost.test',
        password: 'correct horse battery',
        ip: '10.4.0.3',
        deviceCookie: first.deviceCookie,
      });
      expect(again.userId).toBe(first.userId);
      // A device cookie is bound to its e-mail, and forged ones count as untrusted.
      await expect(
        signIn(conn.db, {
          email: 'owner@outpost.test',
          password: 'correct horse battery',
          ip: '10.4.0.4',
          deviceCookie: `${first.deviceCookie!.split('.')[0]}.AAAA`,
        }),
      ).rejects.toMatchObject({ code: 'too_many_requests' });
      // A stolen device cookie is itself limited: guesses with it lock that device only.
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          signIn(conn.db, {
            email: 'owner@outpost.test',
            password: `device-guess-${i}`,
            deviceCookie: again.deviceCookie,
          }).catch((e) => e.code as string),
        ),
      );
      expect(results.filter((r) => r === 'invalid_credentials')).toHaveLength(
        throttlePolicy.device.maxFailures,
      );
    } finally {
      configureAuth({ deviceCookieKey: null });
    }
  });

  it('locks an IP that sprays many accounts', async () => {
    for (let i = 0; i < throttlePolicy.ip.maxFailures; i++) {
      await signIn(conn.db, { email: `spray-${i}@outpost.test`, password: 'x', ip: '203.0.113.7' }).catch(
        () => {},
      );
    }
    await expect(
      signIn(conn.db, { email: 'fresh@outpost.test', password: 'x', ip: '203.0.113.7' }),
    ).rejects.toMatchObject({
      code: 'too_many_requests',
    });
  });

  it('changing the password checks the current one and ends the other sessions', async () => {
    const { user, actor } = await makeStaff(conn.db, ['reviewer'], {
      passwordHash,
      email: 'changer@outpost.test',
    });
    const here = await signIn(conn.db, { email: 'changer@outpost.test', password: 'correct horse battery' });
    const elsewhere = await signIn(conn.db, {
      email: 'changer@outpost.test',
      password: 'correct horse battery',
    });
    await expect(
      changePassword(conn.db, actor, { currentPassword: 'nope', newPassword: 'a brand new secret' }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { field: 'currentPassword' } });
    await expect(
      changePassword(conn.db, actor, { currentPassword: 'correct horse battery', newPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { field: 'newPassword' } });
    await changePassword(conn.db, actor, {
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new secret',
      keepSessionId: here.session.id,
    });
    expect(await validateSessionToken(conn.db, here.token)).not.toBeNull();
    expect(await validateSessionToken(conn.db, elsewhere.token)).toBeNull();
    await expect(
      signIn(conn.db, { email: 'changer@outpost.test', password: 'a brand new secret' }),
    ).resolves.toBeTruthy();
    expect((await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(2);
  });
});
