import { type Database, type OutboxRow, outbox } from '@outpost/db';
import { loggerFor, withRequestId } from '@outpost/log';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';

const log = loggerFor('outbox');

/**
 * The delivery machinery every outbox channel (Slack, e-mail) shares.
 *
 * Claiming: a short transaction selects due rows `FOR UPDATE SKIP LOCKED`, bumps
 * `attempts` and pushes `next_attempt_at` forward by a lease, then commits. The outside
 * service is called after the commit, so no row lock (and, on PGlite, no exclusive
 * connection) is held across a network call; another worker skips the row because it
 * is locked while being claimed and not due while leased. The result is written afterwards.
 *
 * Trade-off, chosen on purpose: delivery is at-least-once. If the process dies (or
 * stalls longer than the lease) between the service accepting a message and the "sent"
 * update, the lease expires and the row is sent again — a rare duplicate DM or e-mail
 * is better than a silently lost approval request or invitation. Holding the lock
 * across the call would not remove that window (a crash after the service's 200 still
 * rolls the update back) and would block the single PGlite connection during every
 * call. A crash counts as an attempt (it was bumped at claim time), so a row that
 * crashes the worker dies after `maxAttempts` instead of looping forever.
 */
export const outboxPolicy = {
  /** How long a claimed row stays invisible to other workers. Far above the Slack and SMTP client timeouts. */
  leaseMs: 2 * 60_000,
  maxAttempts: 10,
  firstRetryMs: 30_000,
  maxRetryMs: 60 * 60_000,
};

export interface DeliveryReport {
  claimed: number;
  sent: number;
  skipped: number;
  retrying: number;
  dead: number;
  /** Set when the service asked us to slow down; the rest of the batch waits as long. */
  rateLimitedForSeconds?: number;
}

/** 30 s, 60 s, 2 min … after the 1st, 2nd, 3rd failed attempt; never more than an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(outboxPolicy.firstRetryMs * 2 ** Math.max(0, attempts - 1), outboxPolicy.maxRetryMs);
}

/** What a channel did with one claimed row. */
export type RowOutcome =
  | { skip: string }
  | {
      sent: true;
      /** The service's reference to what it accepted (Slack channel + ts), kept on the row. */
      externalRef?: Record<string, string>;
      /** Runs in the transaction that marks the row sent (e.g. remember a Slack message's ts). */
      record?: (tx: Database) => Promise<void>;
    };

export interface BatchOptions {
  channel: OutboxRow['channel'];
  now: Date;
  batchSize: number;
  /** Only rows whose `payload.kind` is one of these (rows without a kind count as `defaultKind`). */
  kinds?: readonly string[];
  defaultKind?: string;
  /** Seconds the service asked us to wait, when `error` is its "slow down" answer. */
  rateLimitOf?: (error: unknown) => number | undefined;
}

/**
 * Claims due rows of one channel and hands each to `deliver`, then records the
 * outcome: sent, skipped (with why), retried with backoff, or dead after the last
 * attempt. A rate limit gives the rest of the batch back without counting the attempt.
 */
export async function deliverBatch(
  db: Database,
  options: BatchOptions,
  deliver: (row: OutboxRow) => Promise<RowOutcome>,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  const { now } = options;
  const claimed = await claimDueRows(db, options);
  report.claimed = claimed.length;
  const leaseDeadline = Date.now() + outboxPolicy.leaseMs / 2;

  for (const [index, row] of claimed.entries()) {
    // Past half the lease another worker may soon take these rows: hand them back now.
    if (Date.now() > leaseDeadline) {
      await release(db, claimed.slice(index), now);
      report.retrying += claimed.length - index;
      break;
    }
    // The request that enqueued the row names every line about it (decision record 044).
    const line = { outboxId: row.id, channel: row.channel, attempt: row.attempts, requestId: row.requestId };
    try {
      const outcome = await withRequestId(row.requestId ?? `outbox:${row.id}`, () => deliver(row));
      if ('skip' in outcome) {
        await finish(db, row, { status: 'skipped', lastError: outcome.skip });
        log.info({ ...line, outcome: 'skipped', reason: outcome.skip }, 'outbox message skipped');
        report.skipped++;
        continue;
      }
      // "sent" and what the channel records about the message commit together: if this
      // fails the lease runs out and the row is sent again (at-least-once, as above).
      await db.transaction(async (tx) => {
        await finish(tx, row, {
          status: 'sent',
          deliveredAt: now,
          externalRef: outcome.externalRef ?? null,
          lastError: null,
        });
        await outcome.record?.(tx);
      });
      log.info({ ...line, outcome: 'sent' }, 'outbox message sent');
      report.sent++;
    } catch (error) {
      const waitSeconds = options.rateLimitOf?.(error);
      if (waitSeconds !== undefined) {
        // Not the row's fault: do not count the attempt, and stop hammering the service.
        const until = new Date(now.getTime() + waitSeconds * 1000);
        await release(db, claimed.slice(index), until, `rate limited: retry after ${waitSeconds}s`);
        report.retrying += claimed.length - index;
        report.rateLimitedForSeconds = waitSeconds;
        log.warn({ ...line, outcome: 'rate_limited', waitSeconds }, 'outbox delivery rate limited');
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= outboxPolicy.maxAttempts) {
        await finish(db, row, { status: 'dead', lastError: message });
        log.warn({ ...line, outcome: 'dead', error: message }, 'outbox message dead after its last attempt');
        report.dead++;
      } else {
        await finish(db, row, {
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
          lastError: message,
        });
        log.warn({ ...line, outcome: 'retrying', error: message }, 'outbox delivery failed; will retry');
        report.retrying++;
      }
    }
  }
  return report;
}

async function claimDueRows(db: Database, options: BatchOptions): Promise<OutboxRow[]> {
  const { now } = options;
  const kindFilter = options.kinds
    ? inArray(sql<string>`coalesce(${outbox.payload}->>'kind', ${options.defaultKind ?? ''})`, [
        ...options.kinds,
      ])
    : undefined;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, options.channel),
          eq(outbox.status, 'pending'),
          lte(outbox.nextAttemptAt, now),
          kindFilter,
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(options.batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + outboxPolicy.leaseMs),
        // Claimed, it renders state from now on: a change after this needs a row of its own.
        coalesceKey: null,
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  });
}

/** Gives claimed rows back without counting the attempt (rate limit, lease running out). */
async function release(db: Database, rows: OutboxRow[], at: Date, lastError?: string) {
  await db
    .update(outbox)
    .set({
      attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
      nextAttemptAt: at,
      ...(lastError ? { lastError } : {}),
    })
    .where(
      and(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
        eq(outbox.status, 'pending'),
      ),
    );
}

async function finish(db: Database, row: OutboxRow, set: Partial<typeof outbox.$inferInsert>) {
  await db
    .update(outbox)
    .set(set)
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
}
