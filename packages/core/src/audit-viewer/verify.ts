import { auditCheckpoints, auditLog, type Database } from '@outpost/db';
import { count } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { type ChainReport, type ExternalCheckpoint, verifyAuditChain } from '../audit.ts';
import { assertCan } from '../permissions.ts';
import { type AuditLogEntry, auditLogEntry } from './search.ts';

export interface ViewerChainReport {
  report: ChainReport;
  /** The first broken entry, when it still exists (a truncated log names a missing one). */
  brokenEntry: AuditLogEntry | null;
  total: number;
  checkpoints: number;
  durationMs: number;
}

/** How many entries and stored checkpoints there are: the progress bar's 100 %. */
export async function auditChainSize(db: Database, actor: Actor) {
  assertCan(actor, 'read:audit');
  const [[entries], [checkpoints]] = await Promise.all([
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(auditCheckpoints),
  ]);
  return { total: Number(entries?.n ?? 0), checkpoints: Number(checkpoints?.n ?? 0) };
}

/**
 * The viewer's "verify the chain": exactly the check `npm run audit:verify` runs
 * (verifyAuditChain — links, content hashes, signatures, signed checkpoints), for those
 * who read the audit log, reporting progress after every batch (decision record 053).
 */
export async function verifyAuditLog(
  db: Database,
  actor: Actor,
  options: {
    onProgress?: (checked: number, total: number) => void | Promise<void>;
    external?: ExternalCheckpoint[];
  } = {},
): Promise<ViewerChainReport> {
  const { total, checkpoints } = await auditChainSize(db, actor);
  const started = performance.now();
  const report = await verifyAuditChain(db, {
    ...(options.external ? { external: options.external } : {}),
    onProgress: (checked) => options.onProgress?.(checked, total),
  });
  const brokenEntry = report.ok ? null : await auditLogEntry(db, actor, report.brokenAt);
  return { report, brokenEntry, total, checkpoints, durationMs: Math.round(performance.now() - started) };
}
