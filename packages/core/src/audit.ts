import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type AuditCheckpoint, auditCheckpoints, auditLog, type Database } from '@outpost/db';
import { asc, count, desc, gt, sql } from 'drizzle-orm';
import { type Actor, actorRef } from './actor.ts';
import { currentRequestId } from '@outpost/log';

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

/**
 * DEMO / DEVELOPMENT ONLY. The key that signs audit entries and checkpoints must live
 * outside the database (AUDIT_SIGNING_KEY, read by the configuration module, which
 * refuses to start a production server without it). This default only lets a laptop
 * and the tests run; anyone who reads this file can forge with it.
 */
export const DEV_AUDIT_SIGNING_KEY = 'outpost-dev-audit-signing-key--NOT-FOR-PRODUCTION';
let signingKey = DEV_AUDIT_SIGNING_KEY;

/** Called once at start-up with the configured key (every process that writes or verifies audit entries). */
export function setAuditSigningKey(key: string): void {
  if (key.length < 32) throw new Error('The audit signing key must be at least 32 characters.');
  signingKey = key;
}

function mac(text: string, key = signingKey): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function sameMac(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

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
    // The running request's id (decision record 044) unless the caller names one.
    requestId: entry.requestId ?? currentRequestId() ?? null,
  };
  const hash = hashOf(prevHash, row);
  await tx.insert(auditLog).values({ ...row, prevHash, hash, mac: mac(hash) });
}

export type ChainReport =
  | { ok: true; checked: number; unsigned: number; checkpoints: number }
  | { ok: false; checked: number; brokenAt: number; reason: string; code: ChainBreak };

/** What broke, for a reader in either language (the viewer translates it; the CLI prints `reason`). */
export type ChainBreak =
  | 'checkpoint_unsigned'
  | 'link'
  | 'content'
  | 'signature'
  | 'checkpoint_mismatch'
  | 'checkpoint_missing';

/** A checkpoint's signed text: what it claims about the chain, in one line. */
function checkpointText(c: Pick<AuditCheckpoint, 'headId' | 'headHash' | 'entries' | 'at'>): string {
  return `outpost-audit-checkpoint\n${c.headId}\n${c.headHash}\n${c.entries}\n${c.at.toISOString()}`;
}

/**
 * Walks the chain in order and reports the first entry whose link, content or MAC does
 * not verify, then checks it against the signed checkpoints: every checkpoint must be
 * validly signed and name an entry that is still there, with the same hash and the same
 * number of entries up to it. Deleting the newest entries below a checkpoint, or
 * rebuilding the chain with recomputed hashes, fails here; an append after the last
 * checkpoint needs the key to carry a valid MAC.
 *
 * `external` are checkpoints kept outside the database (e.g. copied from the auditors'
 * channel), checked like stored ones — they survive someone deleting the stored ones.
 */
export async function verifyAuditChain(
  db: Database,
  options: {
    batchSize?: number;
    external?: ExternalCheckpoint[];
    /** Called after each batch with the entries verified so far (the viewer's progress, decision 053). */
    onProgress?: (checked: number) => void | Promise<void>;
  } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 1000;
  const stored = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
  for (const c of stored) {
    if (!sameMac(c.mac, mac(checkpointText(c)))) {
      return {
        ok: false,
        checked: 0,
        brokenAt: c.headId,
        reason: `checkpoint #${c.id} is not validly signed`,
        code: 'checkpoint_unsigned',
      };
    }
  }
  const expected = new Map<number, { hash: string; entries: number; label: string }>();
  for (const c of stored)
    expected.set(c.headId, { hash: c.headHash, entries: c.entries, label: `checkpoint #${c.id}` });
  for (const [i, c] of (options.external ?? []).entries()) {
    if (!sameMac(c.mac, mac(checkpointText({ ...c, at: new Date(c.at) })))) {
      return {
        ok: false,
        checked: 0,
        brokenAt: c.headId,
        reason: `external checkpoint ${i + 1} is not validly signed`,
        code: 'checkpoint_unsigned',
      };
    }
    expected.set(c.headId, { hash: c.headHash, entries: c.entries, label: `external checkpoint ${i + 1}` });
  }
  const highest = Math.max(0, ...[...expected.keys()]);

  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  let unsigned = 0;
  let signedSeen = false;
  const met = new Set<number>();
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          reason: 'previous-hash link does not match the entry before it',
          code: 'link',
        };
      }
      if (hashOf(prevHash, row) !== row.hash) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          reason: 'content does not match its hash (entry was altered)',
          code: 'content',
        };
      }
      if (row.mac === null && !signedSeen) {
        // Written before entries were signed (only the oldest ones can be).
        unsigned++;
      } else if (!sameMac(row.mac, mac(row.hash))) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          reason: 'entry has no valid signature (appended without the audit signing key)',
          code: 'signature',
        };
      } else {
        signedSeen = true;
      }
      checked++;
      const anchor = expected.get(row.id);
      if (anchor) {
        if (anchor.hash !== row.hash || anchor.entries !== checked) {
          return {
            ok: false,
            checked,
            brokenAt: row.id,
            reason: `entry does not match ${anchor.label} (the chain before it was rewritten)`,
            code: 'checkpoint_mismatch',
          };
        }
        met.add(row.id);
      }
      prevHash = row.hash;
      lastId = row.id;
    }
    await options.onProgress?.(checked);
  }
  for (const [headId, anchor] of expected) {
    if (!met.has(headId)) {
      return {
        ok: false,
        checked,
        brokenAt: headId,
        reason: `entry #${headId} named by ${anchor.label} is missing (the log was truncated${headId === highest ? '' : ' or rewritten'})`,
        code: 'checkpoint_missing',
      };
    }
  }
  return { ok: true, checked, unsigned, checkpoints: expected.size };
}

/** A checkpoint as posted outside the database (see checkpointMessage). */
export interface ExternalCheckpoint {
  headId: number;
  headHash: string;
  entries: number;
  at: string;
  mac: string;
}

/**
 * Signs the chain's current head into audit_checkpoints (run by the worker). Nothing
 * is written when the head has not moved since the last checkpoint, or the log is empty.
 * Returns the new checkpoint, for the caller to send out of the database as well.
 */
export async function checkpointAuditChain(
  db: Database,
  options: { now?: Date; publish?: (tx: Database, checkpoint: ExternalCheckpoint) => Promise<void> } = {},
): Promise<ExternalCheckpoint | null> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // The writers' lock: no entry can be appended between reading the head and counting.
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    const [head] = await tx
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    if (!head) return null;
    const [last] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
    if (last?.headId === head.id) return null;
    const [total] = await tx.select({ n: count() }).from(auditLog);
    const at = new Date(Math.floor(now.getTime()));
    const claim = { headId: head.id, headHash: head.hash, entries: Number(total?.n ?? 0), at };
    const signature = mac(checkpointText(claim));
    await tx.insert(auditCheckpoints).values({ ...claim, mac: signature });
    const checkpoint = { ...claim, at: at.toISOString(), mac: signature };
    // Queued in the same transaction: a stored checkpoint is always also on its way out.
    await options.publish?.(tx, checkpoint);
    return checkpoint;
  });
}

/** One line an auditor can keep and later pass to `audit:verify --checkpoint`. */
export function checkpointLine(c: ExternalCheckpoint): string {
  return `${c.headId}:${c.entries}:${c.headHash}:${c.at}:${c.mac}`;
}

export function parseCheckpointLine(line: string): ExternalCheckpoint | null {
  const match = /^(\d+):(\d+):([0-9a-f]{64}):([0-9T:.-]+Z):([0-9a-f]{64})$/.exec(line.trim());
  if (!match) return null;
  return {
    headId: Number(match[1]),
    entries: Number(match[2]),
    headHash: match[3]!,
    at: match[4]!,
    mac: match[5]!,
  };
}
