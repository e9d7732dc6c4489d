import { type Database, loginThrottle } from '@outpost/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Counters kept in the database (so limits hold across every web process), one row per key:
 * sign-in attempts per account ('account:<email>', untrusted clients only), per device cookie
 * ('device:<nonce>') and per address ('ip:<address>'), and API requests per key or session
 * ('api:…', rate-limit.ts). Each attempt is counted by ONE statement before the work it guards
 * runs, so parallel attempts cannot all slip under the limit. Past `maxFailures` within
 * `windowMs` the key is locked for `lockMs`.
 */
export interface CounterPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const throttlePolicy = {
  /** Sign-ins from clients without a device cookie for the account (any address). */
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Sign-ins from one browser that holds a device cookie for the account. */
  device: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** Untrusted sign-ins from one address, whatever the account (spraying). */
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} satisfies Record<string, CounterPolicy>;

export const throttleKeys = (email: string, ip: string | null | undefined) => ({
  account: `account:${email.trim().toLowerCase()}`,
  ip: ip ? `ip:${ip}` : null,
});

/**
 * Counts one attempt for `key` and answers how many milliseconds the key stays locked (0 when
 * this attempt is within the limit). Atomic: the insert-or-update takes the row's lock, so N
 * parallel attempts get the counts 1…N and only the first `maxFailures` are let through.
 */
export async function countAttempt(db: Database, key: string, policy: CounterPolicy): Promise<number> {
  // Passed as text: postgres.js does not bind a raw Date inside a sql`` fragment.
  const windowStart = sql`${new Date(Date.now() - policy.windowMs).toISOString()}::timestamptz`;
  const t = loginThrottle;
  // A window that ran out (and holds no lock), or a lock that has passed, starts over at 1.
  const fresh = sql`((${t.lockedUntil} is null and ${t.windowStartedAt} < ${windowStart}) or ${t.lockedUntil} <= now())`;
  const [row] = await db
    .insert(t)
    .values({
      key,
      failures: 1,
      windowStartedAt: new Date(),
    })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${fresh} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${fresh} then now() else ${t.windowStartedAt} end`,
        lockedUntil: sql`case
          when ${fresh} then null
          when ${t.lockedUntil} is not null then ${t.lockedUntil}
          when ${t.failures} + 1 > ${policy.maxFailures} then now() + make_interval(secs => ${policy.lockMs / 1000})
          else null end`,
      },
    })
    .returning({ lockedUntil: t.lockedUntil });
  const until = row?.lockedUntil?.getTime() ?? 0;
  return Math.max(0, until - Date.now());
}

/** Takes back one counted attempt (a sign-in that succeeded does not count against its address). */
export async function refundAttempt(db: Database, key: string): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(sql`${loginThrottle.key} = ${key} and ${loginThrottle.lockedUntil} is null`);
}

export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
