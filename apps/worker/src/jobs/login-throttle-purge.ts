import { loginThrottle } from '@outpost/db';
import { and, isNull, lt, or } from 'drizzle-orm';
import type { JobContext } from './context.ts';

/**
 * Throttle rows matter for one window (15 minutes, packages/auth/src/throttle.ts) or
 * while a lock lasts. A row whose window started a day ago and that holds no lock
 * counts for nothing; deleting it keeps the table as small as the attack surface.
 */
export const STALE_AFTER_MS = 24 * 3600 * 1000;

export async function purgeLoginThrottle({ db }: JobContext, now = new Date()) {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const deleted = await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.windowStartedAt, staleBefore),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return { deleted: deleted.length };
}
