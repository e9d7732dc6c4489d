import { AppError, assertCleanInput } from '@outpost/core';
import { type Database, signInChallenges, users } from '@outpost/db';
import { eq, lt } from 'drizzle-orm';
import { serializeCookie } from './cookies.ts';
import { verifySecondFactor } from './mfa.ts';
import { parseSessionToken } from './sessions.ts';
import { openSession, type SignInResult } from './sign-in.ts';
import { hashSecret, randomToken, secretMatches } from './tokens.ts';

/**
 * The pending second step of a sign-in (decision record 043). After a correct password a person
 * with an authenticator gets a challenge — `<id>.<secret>` in a cookie, SHA-256 of the secret
 * stored, five minutes to live — and no session. Completing it with a code deletes the challenge
 * and opens the session in one transaction, so a challenge completes once.
 */
export const SIGN_IN_CHALLENGE_COOKIE = 'outpost_second_step';
export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface SecondStepRequired {
  secondStep: true;
  challengeToken: string;
  expiresAt: Date;
  userId: string;
}

export async function createSignInChallenge(
  db: Database,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<SecondStepRequired> {
  const id = randomToken();
  const secret = randomToken(20);
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
  // Expired challenges are not kept: removed whenever a new one is made.
  await db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, new Date()));
  await db.insert(signInChallenges).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { secondStep: true, challengeToken: `${id}.${secret}`, expiresAt, userId };
}

/** The live challenge behind a token (for the second step's page), or null: forged, expired, used. */
export async function pendingSignIn(
  db: Database,
  token: string | null | undefined,
): Promise<{ userId: string } | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const [row] = await db.select().from(signInChallenges).where(eq(signInChallenges.id, parsed.id));
  if (!row || !secretMatches(parsed.secret, new Uint8Array(row.secretHash))) return null;
  if (row.expiresAt.getTime() <= Date.now()) return null;
  return { userId: row.userId };
}

export async function completeSignIn(
  db: Database,
  input: {
    challengeToken: string | null | undefined;
    code: string;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<SignInResult & { secondFactor: 'totp' | 'recovery_code' }> {
  assertCleanInput({ code: input.code });
  const pending = await pendingSignIn(db, input.challengeToken);
  if (!pending) throw expired();
  const secondFactor = await verifySecondFactor(db, pending.userId, input.code);
  const parsed = parseSessionToken(input.challengeToken);
  // Single use: whoever deletes the challenge opens the session; a second completion finds none.
  const [taken] = parsed
    ? await db.delete(signInChallenges).where(eq(signInChallenges.id, parsed.id)).returning()
    : [];
  if (!taken) throw expired();
  const [user] = await db
    .select({ id: users.id, email: users.email, status: users.status })
    .from(users)
    .where(eq(users.id, taken.userId));
  if (!user || user.status !== 'active') throw expired();
  const result = await openSession(db, user, input, { secondFactor });
  return { ...result, secondFactor };
}

const expired = () =>
  new AppError('unauthenticated', 'The sign-in has expired or was already completed. Sign in again.', {
    messageKey: 'mfa.challengeExpired',
  });

export const challengeCookie = (value: string, requestUrl: string) =>
  serializeCookie(SIGN_IN_CHALLENGE_COOKIE, value, { requestUrl, maxAgeSeconds: CHALLENGE_TTL_MS / 1000 });

export const clearChallengeCookie = (requestUrl: string) =>
  serializeCookie(SIGN_IN_CHALLENGE_COOKIE, '', { requestUrl, maxAgeSeconds: 0 });
