import { reportOrphanFiles } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Stored files no row references (a crash between storing an upload and its commit, or a
 * bug): reported as an audit entry and a log warning, never deleted automatically —
 * see docs/decisions/015-hostile-uploads.md.
 */
export async function scanOrphanFiles({ db, storage }: JobContext, now = new Date()) {
  if (!storage) return { skipped: 'no storage configured' };
  const { scanned, orphans } = await reportOrphanFiles(db, storage, now);
  return { scanned, orphans: orphans.length };
}
