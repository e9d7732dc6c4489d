import { type Actor, AppError, audit } from '@outpost/core';
import { type Database, sessions, users } from '@outpost/db';
import { and, eq, ne } from 'drizzle-orm';
import { checkPasswordPolicy } from './password-policy.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

/** Changes the actor's own password and ends every other session of theirs. */
export async function changePassword(
  db: Database,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  if (actor.type !== 'staff' && actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only people have passwords.', { messageKey: 'errors.forbidden' });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) {
    throw new AppError('validation_failed', problem.message, {
      messageKey: problem.key,
      details: { field: 'newPassword', min: MIN_PASSWORD_LENGTH },
    });
  }
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not correct.', {
      messageKey: 'account.currentWrong',
      details: { field: 'currentPassword' },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    const others = input.keepSessionId
      ? and(eq(sessions.userId, user.id), ne(sessions.id, input.keepSessionId))
      : eq(sessions.userId, user.id);
    await tx.delete(sessions).where(others);
    await audit(tx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}

/** What is wrong with a new password, or null (the policy: password-policy.ts). */
export function passwordProblem(password: string): { key: string; message: string } | null {
  return checkPasswordPolicy(password);
}
