import { generateQueuedReports, queueClosedQuarterReport } from '@outpost/core';
import { loggerFor } from '@outpost/log';
import type { JobContext } from './context.ts';

/**
 * After a quarter closes (decision record 051): queue its management report — once per quarter, the
 * quarter's unique key sees to that across workers and days — and make it. Without a file store
 * (no storage configured) the report waits queued.
 */
export async function queueManagementReport({ db, storage }: JobContext, now = new Date()) {
  const queued = await queueClosedQuarterReport(db, now);
  const made = storage ? await generateQueuedReports(db, storage, now) : [];
  if (!storage) loggerFor('management-report').warn('no file storage: management reports wait queued');
  return { ...queued, made: made.length };
}

/** Makes the reports staff asked for on /s/reports (a quick no-op when none is queued). */
export async function makeRequestedReports({ db, storage }: JobContext, now = new Date()) {
  if (!storage) return { made: 0 };
  return { made: (await generateQueuedReports(db, storage, now)).length };
}
