import { sessions } from '@outpost/db';
import { lt } from 'drizzle-orm';
import type { JobContext } from './context.ts';

/**
 * Sessions idle for longer than the inactivity limit can never be used again (the
 * sign-in check deletes them on sight); this removes the ones nobody came back for.
 * Same limit as `defaultSessionPolicy` in packages/auth/src/sessions.ts (SESSION_TTL_DAYS,
 * default 10 days) — read here rather than imported so the worker does not load the
 * password-hashing native module.
 */
export function sessionInactivityMs(env: Record<string, string | undefined> = process.env): number {
  return Number(env.SESSION_TTL_DAYS ?? 10) * 24 * 3600 * 1000;
}

export async function purgeIdleSessions({ db }: JobContext, now = new Date()) {
  const cutoff = new Date(now.getTime() - sessionInactivityMs());
  const deleted = await db
    .delete(sessions)
    .where(lt(sessions.lastVerifiedAt, cutoff))
    .returning({ id: sessions.id });
  return { deleted: deleted.length };
}
