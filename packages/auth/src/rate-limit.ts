import { AppError } from '@outpost/core';
import type { Database } from '@outpost/db';
import { authSettings } from './settings.ts';
import { countAttempt } from './throttle.ts';

/**
 * API rate limits per API key and per session, counted in the database with the same
 * one-statement counter as the sign-in throttle (throttle.ts), so every web process shares
 * them. Past the limit the caller waits out the rest of the window: a 429 with Retry-After.
 */
export async function enforceApiRateLimit(
  db: Database,
  caller: { apiKeyId: string } | { sessionId: string },
): Promise<void> {
  const { perApiKey, perSession, windowMs } = authSettings().apiRateLimit;
  const [key, limit] =
    'apiKeyId' in caller
      ? [`api:key:${caller.apiKeyId}`, perApiKey]
      : [`api:session:${caller.sessionId}`, perSession];
  const waitMs = await countAttempt(db, key, { maxFailures: limit, windowMs, lockMs: windowMs });
  if (waitMs > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError(
      'too_many_requests',
      `Too many requests: at most ${limit} per ${Math.round(windowMs / 1000)} seconds. Try again in ${retryAfterSeconds} seconds.`,
      { details: { retryAfterSeconds, limit, windowSeconds: Math.round(windowMs / 1000) } },
    );
  }
}
