import { runAuditCheckpoint } from '@outpost/core';
import type { JobContext } from './context.ts';

/** Signs the audit chain's head and posts it to the auditors (see docs/decisions/017). */
export async function checkpointAudit({ db, auditCheckpointEmail }: JobContext, now = new Date()) {
  const checkpoint = await runAuditCheckpoint(db, { email: auditCheckpointEmail ?? null, now });
  return checkpoint ? { headId: checkpoint.headId, entries: checkpoint.entries } : { unchanged: true };
}
