import { createHash } from 'node:crypto';
import { auditLog, type Database } from '@outpost/db';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { type Actor, actorRef } from './actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  partnerId?: string | null;
  data?: Record<string, unknown>;
  requestId?: string | null;
}

const GENESIS = '0'.repeat(64);
/** Serialises writers so that each entry chains onto the one before it. */
const AUDIT_LOCK = 7240301;

/** Key-sorted JSON, so the hash does not depend on property order or on jsonb's re-ordering. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function hashOf(
  prevHash: string,
  row: Omit<typeof auditLog.$inferInsert, 'hash' | 'prevHash' | 'id'>,
): string {
  const body = canonical({
    at: (row.at as Date).toISOString(),
    actorType: row.actorType,
    actorId: row.actorId ?? null,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId ?? null,
    partnerId: row.partnerId ?? null,
    data: row.data ?? {},
    requestId: row.requestId ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends an audit entry. Call it with the transaction that makes the change, so
 * the change and its record commit (or roll back) together.
 */
export async function audit(tx: Database, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  // Millisecond precision: what PostgreSQL stores must equal what we hashed.
  const at = new Date(Math.floor(Date.now()));
  const row = {
    at,
    ...actorRef(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    partnerId: entry.partnerId ?? null,
    data: entry.data ?? {},
    requestId: entry.requestId ?? null,
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: hashOf(prevHash, row) });
}

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks the chain in order and reports the first entry whose link or content does not verify. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          reason: 'previous-hash link does not match the entry before it',
        };
      }
      if (hashOf(prevHash, row) !== row.hash) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          reason: 'content does not match its hash (entry was altered)',
        };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
