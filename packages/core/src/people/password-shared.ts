import { type Database, sessions } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';

/** A refused new password as a 422 on the `password` field, worded by the policy's key. */
export function passwordProblemError(problem: { key: string; message: string }, field = 'password') {
  return new AppError('validation_failed', problem.message, {
    messageKey: problem.key,
    details: { fields: [{ path: field, message: problem.message, code: 'invalid' }] },
  });
}

/** Ends every session of a person (their password changed, or they were deactivated). */
export async function endPersonalSessions(tx: Database, userId: string): Promise<number> {
  const removed = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return removed.length;
}
