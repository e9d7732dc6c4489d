import { audit, type Actor } from '@outpost/core';
import { type Database, sessions, type Session, users } from '@outpost/db';
import { and, eq, ne } from 'drizzle-orm';
import { authSettings } from './settings.ts';
import { hashSecret, randomToken, secretMatches } from './tokens.ts';

/**
 * Sessions as lucia-auth.com teaches: the token is `<id>.<secret>`; only SHA-256 of
 * the secret is stored and compared in constant time, so a leaked table cannot be
 * replayed. A session ends after `inactivityMs` without use; each use within that
 * window slides it (written at most once per `renewAfterMs` to spare the database).
 */
export interface SessionPolicy {
  inactivityMs: number;
  renewAfterMs: number;
}

/** The configured policy (SESSION_TTL_DAYS through the server's configuration, see settings.ts). */
export const defaultSessionPolicy: SessionPolicy = {
  get inactivityMs() {
    return authSettings().sessionInactivityMs;
  },
  renewAfterMs: 60 * 60 * 1000,
};

export interface NewSession {
  token: string;
  session: Session;
}

export async function createSession(
  db: Database,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<NewSession> {
  const id = randomToken();
  const secret = randomToken(20);
  const [session] = await db
    .insert(sessions)
    .values({
      id,
      secretHash: hashSecret(secret),
      userId,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  if (!session) throw new Error('session insert returned no row');
  // Every new session is a sign-in: administrators see it as the person's last sign-in (decision record 042).
  await db.update(users).set({ lastSignedInAt: session.createdAt }).where(eq(users.id, userId));
  return { token: `${id}.${secret}`, session };
}

/** A token's two parts, or null when it cannot be one of ours. */
export function parseSessionToken(token: string | null | undefined): { id: string; secret: string } | null {
  if (!token || token.length > 200) return null;
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined) return null;
  return { id, secret };
}

/**
 * Checks a stored session against the token's secret and the inactivity policy: null when
 * forged or expired (an expired one is deleted), else the session, its expiry slid forward.
 */
export async function checkSession(
  db: Database,
  session: Session | undefined,
  secret: string,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<Session | null> {
  if (!session || !secretMatches(secret, new Uint8Array(session.secretHash))) return null;
  const now = Date.now();
  const idle = now - session.lastVerifiedAt.getTime();
  if (idle >= policy.inactivityMs) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  if (idle >= policy.renewAfterMs) {
    session.lastVerifiedAt = new Date(now);
    await db
      .update(sessions)
      .set({ lastVerifiedAt: session.lastVerifiedAt })
      .where(eq(sessions.id, session.id));
  }
  return session;
}

/** Returns the live session for a token, sliding its expiry, or null (forged, expired, revoked). */
export async function validateSessionToken(
  db: Database,
  token: string | null | undefined,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<Session | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const [session] = await db.select().from(sessions).where(eq(sessions.id, parsed.id));
  return checkSession(db, session, parsed.secret, policy);
}

export function sessionExpiresAt(session: Session, policy: SessionPolicy = defaultSessionPolicy): Date {
  return new Date(session.lastVerifiedAt.getTime() + policy.inactivityMs);
}

export async function invalidateSession(db: Database, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .returning({ userId: sessions.userId });
    if (removed[0]) {
      await audit(tx, actor, { action: 'auth.signed_out', entityType: 'user', entityId: removed[0].userId });
    }
  });
}

/** Signs the user out on every device, except `keepSessionId` when given. Returns how many sessions ended. */
export async function invalidateUserSessions(
  db: Database,
  actor: Actor,
  userId: string,
  keepSessionId?: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const where = keepSessionId
      ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
      : eq(sessions.userId, userId);
    const removed = await tx.delete(sessions).where(where).returning({ id: sessions.id });
    await audit(tx, actor, {
      action: 'auth.signed_out_everywhere',
      entityType: 'user',
      entityId: userId,
      data: { sessionsEnded: removed.length },
    });
    return removed.length;
  });
}
