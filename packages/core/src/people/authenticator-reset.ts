import { type Database, mfaRecoveryCodes, userMfa, users } from '@outpost/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { rowId } from '../fields.ts';
import { queueEmail } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { endPersonalSessions } from './password-shared.ts';

export const authenticatorResetInput = z.object({
  userId: rowId(),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the authenticator is reset (for example: phone lost, ticket number).')
    .max(500, 'Keep the reason under 500 characters.'),
});

/**
 * An administrator resets a colleague's two-step sign-in (decision record 043, "lost phone"):
 * the authenticator key and every recovery code are deleted, every session of that person ends
 * (one opened with a stolen phone included), and the person is told by e-mail. They sign in
 * with their password next; where their role requires an authenticator the portal leads them to
 * set one up before anything else. Nobody resets their own — they use their account page with a
 * current code, or ask another administrator. A reason is required: the audit log must say why
 * a second factor was taken away.
 */
export async function resetAuthenticator(
  db: Database,
  actor: Actor,
  raw: z.input<typeof authenticatorResetInput>,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  assertCan(actor, 'manage:users');
  const input = parse(authenticatorResetInput, raw);
  if (actor.type === 'staff' && actor.userId === input.userId) {
    throw new AppError('conflict', 'You cannot reset your own authenticator; use your account page.', {
      messageKey: 'people.error.resetSelf',
    });
  }
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.kind, 'staff')))
      .for('update');
    if (!person) throw notFound('Staff member');
    const removed = await tx
      .delete(userMfa)
      .where(and(eq(userMfa.userId, person.id), isNotNull(userMfa.confirmedAt)))
      .returning({ userId: userMfa.userId });
    if (removed.length === 0) return { changed: false, sessionsEnded: 0 };
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, person.id));
    const sessionsEnded = await endPersonalSessions(tx, person.id);
    await queueEmail(tx, {
      to: person.email,
      subject: 'email.mfa_reset.subject',
      body: 'email.mfa_reset.body',
      link: '/account/mfa',
      locale: person.locale,
    });
    await audit(tx, actor, {
      action: 'auth.mfa_reset',
      entityType: 'user',
      entityId: person.id,
      data: { before: { mfa: 'enabled' }, after: { mfa: 'none' }, reason: input.reason, sessionsEnded },
    });
    return { changed: true, sessionsEnded };
  });
}
