import { type Database, passwordTokens, users } from '@outpost/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { emailAddress } from '../fields.ts';
import { queueEmail } from '../notifications.ts';
import { hashSecret, randomToken, secretMatches } from '../secrets.ts';
import { parse } from '../validation.ts';
import type { PasswordRules } from './access.ts';
import { endPersonalSessions, passwordProblemError } from './password-shared.ts';

/** A reset link lives 30 minutes; the first administrator's set-password link a day. */
export const RESET_TTL_MINUTES = 30;
export const SET_PASSWORD_TTL_HOURS = 24;

export interface IssuedPasswordLink {
  /** Relative path carrying the secret; shown or e-mailed once. */
  path: string;
  expiresAt: Date;
}

/** Issues a single-use link that sets the person's password; any earlier unused link of theirs stops working. */
export async function issuePasswordToken(
  tx: Database,
  userId: string,
  purpose: 'reset' | 'set',
): Promise<IssuedPasswordLink> {
  await tx
    .update(passwordTokens)
    .set({ revoked: true })
    .where(
      and(
        eq(passwordTokens.userId, userId),
        isNull(passwordTokens.usedAt),
        eq(passwordTokens.revoked, false),
      ),
    );
  const id = randomToken();
  const secret = randomToken(20);
  const ttlMs = purpose === 'reset' ? RESET_TTL_MINUTES * 60_000 : SET_PASSWORD_TTL_HOURS * 3_600_000;
  const expiresAt = new Date(Date.now() + ttlMs);
  await tx.insert(passwordTokens).values({ id, secretHash: hashSecret(secret), userId, purpose, expiresAt });
  return { path: `/reset-password/${id}.${secret}`, expiresAt };
}

export const passwordResetRequestInput = z.object({ email: emailAddress() });

/**
 * "Forgot password?": e-mails a reset link to an active person with this address. The answer
 * is the same whether the address exists or not (the caller always says "if it is ours, a link
 * is on its way"); the throttle is the transport's (packages/auth, password-reset.ts).
 */
export async function requestPasswordReset(
  db: Database,
  raw: z.input<typeof passwordResetRequestInput>,
  meta: { ip?: string | null } = {},
): Promise<void> {
  const { email } = parse(passwordResetRequestInput, raw);
  const normalized = email.trim().toLowerCase();
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${normalized}`);
    if (!user || user.status !== 'active') return;
    const link = await issuePasswordToken(tx, user.id, 'reset');
    await queueEmail(tx, {
      to: user.email,
      subject: 'email.password_reset.subject',
      body: 'email.password_reset.body',
      params: { name: user.displayName, minutes: RESET_TTL_MINUTES },
      link: link.path,
      locale: user.locale,
    });
    await audit(
      tx,
      { type: 'user', userId: user.id },
      {
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        data: { ip: meta.ip ?? null, expiresAt: link.expiresAt.toISOString() },
      },
    );
  });
}

const invalidLink = () =>
  new AppError('not_found', 'This link is not valid.', { messageKey: 'people.error.linkInvalid' });

async function usableToken(db: Database, token: string, forUpdate: boolean) {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || token.length > 200) throw invalidLink();
  const query = db.select().from(passwordTokens).where(eq(passwordTokens.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !secretMatches(secret, new Uint8Array(row.secretHash))) throw invalidLink();
  if (row.usedAt || row.revoked) {
    throw new AppError('gone', 'This link has already been used or replaced by a newer one.', {
      messageKey: 'people.error.linkUsed',
    });
  }
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new AppError('gone', 'This link has expired; ask for a new one.', {
      messageKey: 'people.error.linkExpired',
    });
  }
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user || user.status !== 'active') throw invalidLink();
  return { row, user };
}

/** Whom a set-password link is for (the page shows the e-mail), or why it no longer works. */
export async function previewPasswordToken(db: Database, token: string) {
  const { row, user } = await usableToken(db, token, false);
  return { email: user.email, displayName: user.displayName, purpose: row.purpose, expiresAt: row.expiresAt };
}

/**
 * Sets the password from a link: checks the policy, burns the link and ends every session of
 * the person — atomically, so the same link used twice sets one password.
 */
export async function completePasswordToken(
  db: Database,
  token: string,
  password: string,
  rules: PasswordRules,
): Promise<{ userId: string; email: string }> {
  if (typeof password !== 'string' || password.length > 10_000)
    throw passwordProblemError({ key: 'account.passwordTooLong', message: 'Too long.' });
  const problem = rules.problem(password);
  if (problem) throw passwordProblemError(problem);
  await usableToken(db, token, false); // fail fast before the slow hash
  const passwordHash = await rules.hash(password);
  return db.transaction(async (tx) => {
    const { row, user } = await usableToken(tx, token, true);
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.update(passwordTokens).set({ usedAt: new Date() }).where(eq(passwordTokens.id, row.id));
    const sessionsEnded = await endPersonalSessions(tx, user.id);
    const actor: Actor = { type: 'user', userId: user.id };
    await audit(tx, actor, {
      action: row.purpose === 'reset' ? 'auth.password_reset' : 'auth.password_set',
      entityType: 'user',
      entityId: user.id,
      data: { sessionsEnded },
    });
    return { userId: user.id, email: user.email };
  });
}
