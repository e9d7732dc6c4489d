import { type Database, loginThrottle } from '@outpost/db';
import { eq, inArray, sql } from 'drizzle-orm';

/**
 * Failed sign-ins are counted per account and per IP address in the database, so
 * the limit holds however many web processes there are. After `maxFailures` within
 * `windowMs` the key is locked for `lockMs`.
 */
export const throttlePolicy = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

export const throttleKeys = (email: string, ip: string | null | undefined) => ({
  account: `account:${email.trim().toLowerCase()}`,
  ip: ip ? `ip:${ip}` : null,
});

/** Milliseconds until the earliest of the given keys unlocks, or 0 when none is locked. */
export async function lockedForMs(db: Database, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  const now = Date.now();
  return Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now : 0)));
}

export async function recordFailure(
  db: Database,
  key: string,
  policy: { maxFailures: number; windowMs: number; lockMs: number },
) {
  // Passed as text: postgres.js does not bind a raw Date inside a sql`` fragment.
  const windowStart = sql`${new Date(Date.now() - policy.windowMs).toISOString()}::timestamptz`;
  // One statement: counts within the window, restarts an expired window, locks at the limit.
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: new Date() })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then now() else ${loginThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${loginThrottle.windowStartedAt} >= ${windowStart} and ${loginThrottle.failures} + 1 >= ${policy.maxFailures} then now() + make_interval(secs => ${policy.lockMs / 1000}) else ${loginThrottle.lockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
