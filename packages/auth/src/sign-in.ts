import { AppError, assertCleanInput, audit, userByEmail } from '@outpost/core';
import type { Database, User } from '@outpost/db';
import { hasMfa, type SecondFactorMethod, verifySecondFactor } from './mfa.ts';
import { createSignInChallenge, type SecondStepRequired } from './sign-in-challenge.ts';
import { issueDeviceCookie, trustedDevice } from './device-cookie.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession, type NewSession } from './sessions.ts';
import { clearFailures, countAttempt, refundAttempt, throttleKeys, throttlePolicy } from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
  /** The request's device cookie (DEVICE_COOKIE), if it sent one. */
  deviceCookie?: string | null;
  /** The second factor (TOTP or recovery code) sent with the password, for the API (decision record 043). */
  code?: string | null;
}

export interface SignInResult extends NewSession {
  userId: string;
  /** A fresh device cookie to set (null when no key is configured). */
  deviceCookie: string | null;
}

/**
 * Checks a password and opens a session. Wrong e-mail and wrong password give the
 * same error, in about the same time.
 *
 * Every attempt is counted before the password is checked (throttle.ts), so parallel
 * guesses are limited like sequential ones. A browser with a valid device cookie for the
 * account is counted on its own (device-cookie.ts): failures from anywhere else lock out
 * only untrusted clients, so nobody can lock the owner out of the browser they use. Untrusted
 * clients are limited per account and per address.
 */
export async function signIn(db: Database, input: SignInInput): Promise<SignInResult> {
  const { user } = await checkPassword(db, input);
  // A person with an authenticator signs in through the API with `code` in the same request.
  let secondFactor: SecondFactorMethod | null = null;
  if (await hasMfa(db, user.id)) {
    if (!input.code) {
      throw new AppError(
        'unauthenticated',
        'This account signs in in two steps: send the 6-digit code from the authenticator app (or a recovery code) as `code`.',
        { messageKey: 'mfa.required', details: { secondFactor: 'required', field: 'code' } },
      );
    }
    secondFactor = await verifySecondFactor(db, user.id, input.code);
  }
  return openSession(db, user, input, { secondFactor });
}

/**
 * The portal's sign-in: the password, then — for a person with an authenticator — a pending,
 * single-use second step (sign-in-challenge.ts) instead of a session.
 */
export async function beginSignIn(
  db: Database,
  input: SignInInput,
): Promise<SignInResult | SecondStepRequired> {
  const { user } = await checkPassword(db, input);
  if (await hasMfa(db, user.id)) return createSignInChallenge(db, user.id, input);
  return openSession(db, user, input, { secondFactor: null });
}

async function checkPassword(
  db: Database,
  input: SignInInput,
): Promise<{ user: User; device: string | null }> {
  // Every transport's sign-in: text PostgreSQL cannot hold is the caller's error, before any query.
  assertCleanInput({ email: input.email, password: input.password });
  const keys = throttleKeys(input.email, input.ip);
  const device = trustedDevice(input.deviceCookie, input.email);
  // Counted in this order, stopping at the first lock: a locked address burns no account attempts.
  const counted = device
    ? [{ key: `device:${device}`, policy: throttlePolicy.device }]
    : [
        ...(keys.ip ? [{ key: keys.ip, policy: throttlePolicy.ip }] : []),
        { key: keys.account, policy: throttlePolicy.account },
      ];
  for (const { key, policy } of counted) {
    const waitMs = await countAttempt(db, key, policy);
    if (waitMs > 0) throw throttled(waitMs);
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
    await db.transaction((tx) =>
      audit(
        tx,
        { type: 'system', job: 'sign-in' },
        {
          action: 'auth.sign_in_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          data: {
            email: input.email.trim().toLowerCase().slice(0, 200),
            ip: input.ip ?? null,
            trustedDevice: device !== null,
          },
        },
      ),
    );
    throw new AppError('invalid_credentials', 'The e-mail or password is not correct.', {
      messageKey: 'auth.invalid',
    });
  }
  // A success clears its own counter; the address keeps only its failures.
  await clearFailures(db, device ? `device:${device}` : keys.account);
  if (!device && keys.ip) await refundAttempt(db, keys.ip);
  return { user, device };
}

/** Opens the session of a person who passed every step; audited with how they passed. */
export async function openSession(
  db: Database,
  user: Pick<User, 'id' | 'email'>,
  input: Pick<SignInInput, 'ip' | 'userAgent'>,
  how: { secondFactor: SecondFactorMethod | null },
): Promise<SignInResult> {
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, user.id, input);
    await audit(
      tx,
      { type: 'user', userId: user.id },
      {
        action: 'auth.signed_in',
        entityType: 'user',
        entityId: user.id,
        data: { ip: input.ip ?? null, ...(how.secondFactor ? { secondFactor: how.secondFactor } : {}) },
      },
    );
    return created;
  });
  return { ...session, userId: user.id, deviceCookie: issueDeviceCookie(user.email) };
}

function throttled(waitMs: number) {
  const minutes = Math.ceil(waitMs / 60_000);
  return new AppError('too_many_requests', `Too many failed sign-ins. Try again in ${minutes} minutes.`, {
    messageKey: 'auth.throttled',
    details: { retryAfterSeconds: Math.ceil(waitMs / 1000), minutes },
  });
}
