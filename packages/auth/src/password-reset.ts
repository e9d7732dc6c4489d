import { AppError, requestPasswordReset } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type CounterPolicy, countAttempt } from './throttle.ts';

/**
 * "Forgot password?" behind a throttle (decision record 042), counted in the database like
 * sign-ins: per address (a 429 saying how long to wait) and per e-mail address (silently: beyond
 * the limit no more e-mails are sent, and the answer is the same, so it reveals nothing).
 */
export const resetThrottlePolicy = {
  ip: { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  email: { maxFailures: 3, windowMs: 30 * 60_000, lockMs: 30 * 60_000 },
} satisfies Record<string, CounterPolicy>;

export async function requestPasswordResetThrottled(
  db: Database,
  input: { email: string; ip?: string | null },
): Promise<void> {
  if (input.ip) {
    const waitMs = await countAttempt(db, `reset:ip:${input.ip}`, resetThrottlePolicy.ip);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new AppError('too_many_requests', `Too many reset requests. Try again in ${minutes} minutes.`, {
        messageKey: 'password-reset.request.throttled',
        details: { retryAfterSeconds: Math.ceil(waitMs / 1000), minutes },
      });
    }
  }
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const waitMs = await countAttempt(db, `reset:email:${email}`, resetThrottlePolicy.email);
  if (waitMs > 0) return;
  await requestPasswordReset(db, { email: input.email }, { ip: input.ip ?? null });
}
