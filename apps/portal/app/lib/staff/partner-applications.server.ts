import { listApplications } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Viewer } from '../viewer.server';

/** One partner's applications, newest first (a partner has one open at a time, so the history is short). */
export async function partnerApplications(db: Database, viewer: Viewer, partnerId: string) {
  const result = await listApplications(db, viewer.person.actor, { partnerId, pageSize: 100 });
  return result.items;
}
