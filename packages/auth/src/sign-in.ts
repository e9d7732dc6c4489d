import { AppError, assertCleanInput, audit, userByEmail } from '@outpost/core';
import type { Database } from '@outpost/db';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession, type NewSession } from './sessions.ts';
import { clearFailures, lockedForMs, recordFailure, throttleKeys, throttlePolicy } from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Checks a password and opens a session. Wrong e-mail and wrong password give the
 * same error, in about the same time; repeated failures lock the account and the IP.
 */
export async function signIn(db: Database, input: SignInInput): Promise<NewSession & { userId: string }> {
  // Every transport's sign-in: text PostgreSQL cannot hold is the caller's error, before any query.
  assertCleanInput({ email: input.email, password: input.password });
  const keys = throttleKeys(input.email, input.ip);
  const lockedKeys = [keys.account, ...(keys.ip ? [keys.ip] : [])];
  const waitMs = await lockedForMs(db, lockedKeys);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    throw new AppError('too_many_requests', `Too many failed sign-ins. Try again in ${minutes} minutes.`, {
      messageKey: 'auth.throttled',
      details: { retryAfterSeconds: Math.ceil(waitMs / 1000), minutes },
    });
  }
  const user = input.email ? await userByEmail(db, input.email) : undefined;
  let ok = false;
  if (user?.passwordHash && user.status === 'active') {
    ok = await verifyPassword(user.passwordHash, input.password);
  } else {
    // Spend the same time on an unknown account as on a known one.
    await verifyPassword(await dummyPasswordHash(), input.password);
  }

  if (!ok || !user) {
    await recordFailure(db, keys.account, throttlePolicy.account);
    if (keys.ip) await recordFailure(db, keys.ip, throttlePolicy.ip);
    await db.transaction((tx) =>
      audit(
        tx,
        { type: 'system', job: 'sign-in' },
        {
          action: 'auth.sign_in_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          data: { email: input.email.trim().toLowerCase().slice(0, 200), ip: input.ip ?? null },
        },
      ),
    );
    throw new AppError('invalid_credentials', 'The e-mail or password is not correct.', {
      messageKey: 'auth.invalid',
    });
  }
  await clearFailures(db, keys.account);
  return db.transaction(async (tx) => {
    const created = await createSession(tx, user.id, input);
    await audit(
      tx,
      { type: 'user', userId: user.id },
      {
        action: 'auth.signed_in',
        entityType: 'user',
        entityId: user.id,
        data: { ip: input.ip ?? null },
      },
    );
    return { ...created, userId: user.id };
  });
}
