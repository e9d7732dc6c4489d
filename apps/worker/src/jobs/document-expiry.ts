import { runDocumentExpiry } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily qualification-document scan (expired documents, 30- and 7-day reminders).
 * Core records every reminder it sends, so a retried or repeated run sends nothing twice.
 */
export function scanDocumentExpiry({ db }: JobContext, now = new Date()) {
  return runDocumentExpiry(db, now);
}
