import type { Database } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { can } from '../permissions.ts';
import { workSources } from './registry.ts';
import type { WorkGroup } from './types.ts';

/** How many items each group lists; the count covers them all. */
export const WORK_QUEUE_ITEMS = 5;

export interface StaffWorkQueue {
  /** Only the groups this person's permissions make theirs, each with its count (possibly 0). */
  groups: WorkGroup[];
  /** All waiting items across the groups. */
  total: number;
}

/**
 * What needs this staff member now: for each kind of work their roles act on, how many
 * are waiting and the ones that have waited longest. One indexed query per group,
 * whatever the number of items; a group the person may not act on is never queried.
 */
export async function staffWorkQueue(
  db: Database,
  actor: Actor,
  options: { limit?: number; now?: Date } = {},
): Promise<StaffWorkQueue> {
  if (actor.type !== 'staff') {
    throw new AppError('forbidden', 'The work queue is for the insurer’s staff.', {
      messageKey: 'errors.forbidden',
    });
  }
  const context = {
    userId: actor.userId,
    today: todayInChina(options.now),
    limit: options.limit ?? WORK_QUEUE_ITEMS,
  };
  const permitted = workSources.filter((source) => can(actor, source.permission));
  const relevant = await Promise.all(permitted.map((s) => (s.relevant ? s.relevant(db, context) : true)));
  const mine = permitted.filter((_, i) => relevant[i]);
  const groups = await Promise.all(
    mine.map(async (source) => ({
      key: source.key,
      listHref: source.listHref,
      ...(await source.load(db, context)),
    })),
  );
  return { groups, total: groups.reduce((sum, g) => sum + g.count, 0) };
}
