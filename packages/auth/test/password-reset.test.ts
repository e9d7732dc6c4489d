import { makeStaff } from '@outpost/core/testing';
import { completePasswordToken } from '@outpost/core';
import { type DatabaseConnection, outbox, sessions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  hashPassword,
  passwordProblem,
  requestPasswordResetThrottled,
  resetThrottlePolicy,
  signIn,
} from '../src/index.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const rules = { hash: hashPassword, problem: passwordProblem };
const mailsTo = (email: string) => conn.db.select().from(outbox).where(eq(outbox.target, email));

describe('password reset (decision record 042)', () => {
  it('e-mails a single-use link; the new password works, the old one and every session do not', async () => {
    const { user } = await makeStaff(conn.db, ['reviewer'], {
      passwordHash: await hashPassword('correct horse battery'),
    });
    await createSession(conn.db, user.id);
    await requestPasswordResetThrottled(conn.db, { email: user.email, ip: '198.51.100.7' });
    const [mail] = await mailsTo(user.email);
    const token = (mail!.payload as { link: string }).link.split('/').at(-1)!;
    const common = await completePasswordToken(conn.db, token, 'Password123456!', rules).catch((e) => e);
    expect(common).toMatchObject({ status: 422, messageKey: 'account.passwordCommon' });
    await completePasswordToken(conn.db, token, 'a brand new secret', rules);
    expect(await conn.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    await expect(
      signIn(conn.db, { email: user.email, password: 'correct horse battery' }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect((await signIn(conn.db, { email: user.email, password: 'a brand new secret' })).userId).toBe(
      user.id,
    );
    const again = await completePasswordToken(conn.db, token, 'yet another secret', rules).catch((e) => e);
    expect(again).toMatchObject({ status: 410, messageKey: 'people.error.linkUsed' });
  });

  it('answers the same for unknown addresses, caps e-mails per address silently and requests per IP with a 429', async () => {
    const { user } = await makeStaff(conn.db, ['auditor']);
    await requestPasswordResetThrottled(conn.db, { email: 'nobody@outpost.test', ip: '203.0.113.1' });
    expect(await mailsTo('nobody@outpost.test')).toEqual([]);
    for (let i = 0; i < resetThrottlePolicy.email.maxFailures + 2; i++) {
      await requestPasswordResetThrottled(conn.db, { email: user.email, ip: `203.0.113.${10 + i}` });
    }
    expect(await mailsTo(user.email)).toHaveLength(resetThrottlePolicy.email.maxFailures);
    const ip = '192.0.2.99';
    for (let i = 0; i < resetThrottlePolicy.ip.maxFailures; i++) {
      await requestPasswordResetThrottled(conn.db, { email: `someone${i}@outpost.test`, ip });
    }
    await expect(
      requestPasswordResetThrottled(conn.db, { email: 'x@outpost.test', ip }),
    ).rejects.toMatchObject({
      code: 'too_many_requests',
    });
  });
});
