import { partners, quarterlyReviews } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Risk officers and administrators: partners' appeals against a finalised review. */
export const appealsToAnswer: WorkSource = {
  key: 'appealsToAnswer',
  permission: 'manage:reviews',
  listHref: '/s/reviews?status=appealed',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: quarterlyReviews.id,
        partnerName: partners.legalName,
        quarter: quarterlyReviews.quarter,
        since: quarterlyReviews.appealedAt,
        total: totalRows(),
      })
      .from(quarterlyReviews)
      .innerJoin(partners, eq(partners.id, quarterlyReviews.partnerId))
      .where(eq(quarterlyReviews.status, 'appealed'))
      .orderBy(asc(quarterlyReviews.appealedAt), asc(quarterlyReviews.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/reviews/${r.id}#answer-heading`,
      partnerName: r.partnerName,
      subject: r.quarter,
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
