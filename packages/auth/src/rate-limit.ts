import { AppError } from '@outpost/core';
import type { Database } from '@outpost/db';
import { countAttempt } from './throttle.ts';

/**
 * API rate limits per API key and per session, counted in the database with the same
 * one-statement counter as the sign-in throttle (throttle.ts), so every web process shares
 * them. Past the limit the caller waits out the rest of the window: a 429 with Retry-After.
 */
export interface ApiRateLimit {
  perApiKey: number;
  perSession: number;
  windowMs: number;
}

/** The configuration's defaults (API_RATE_LIMIT_PER_KEY, _PER_SESSION, _WINDOW_SECONDS). */
export const defaultApiRateLimit: ApiRateLimit = { perApiKey: 600, perSession: 600, windowMs: 60_000 };

export async function enforceApiRateLimit(
  db: Database,
  caller: { apiKeyId: string } | { sessionId: string },
  { perApiKey, perSession, windowMs }: ApiRateLimit = defaultApiRateLimit,
): Promise<void> {
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
