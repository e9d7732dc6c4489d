import { listApplications } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Viewer } from '../viewer.server';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * One partner's applications, newest first. listApplications has no partner filter
 * yet, so this walks its pages (newest first) and keeps this partner's rows; a
 * partner has one open application at a time, so its history is short.
 * TODO(core): a `partnerId` filter on listApplications would make this one query.
 */
export async function partnerApplications(db: Database, viewer: Viewer, partnerId: string) {
  const found: Awaited<ReturnType<typeof listApplications>>['items'] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await listApplications(db, viewer.person.actor, { page, pageSize: PAGE_SIZE });
    found.push(...result.items.filter((item) => item.application.partnerId === partnerId));
    if (page * PAGE_SIZE >= result.total) break;
  }
  return found;
}
