import { sessions } from '@outpost/db';
import { lt } from 'drizzle-orm';
import type { JobContext } from './context.ts';

/**
 * Sessions idle for longer than the inactivity limit can never be used again (the
 * sign-in check deletes them on sight); this removes the ones nobody came back for.
 * The limit is the configured SESSION_TTL_DAYS (apps/server/src/config.ts hands it to the
 * worker and to packages/auth alike), default 10 days.
 */
export function sessionInactivityMs(context: Pick<JobContext, 'sessionInactivityMs'> = {}): number {
  return context.sessionInactivityMs ?? 10 * 24 * 3600 * 1000;
}

export async function purgeIdleSessions(context: JobContext, now = new Date()) {
  const { db } = context;
  const cutoff = new Date(now.getTime() - sessionInactivityMs(context));
  const deleted = await db
    .delete(sessions)
    .where(lt(sessions.lastVerifiedAt, cutoff))
    .returning({ id: sessions.id });
  return { deleted: deleted.length };
}
