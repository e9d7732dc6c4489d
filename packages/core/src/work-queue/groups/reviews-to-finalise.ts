import { partners, quarterlyReviews } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Risk officers and administrators: drafted quarterly reviews waiting for a decision. */
export const reviewsToFinalise: WorkSource = {
  key: 'reviewsToFinalise',
  permission: 'manage:reviews',
  listHref: '/s/reviews?status=draft',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: quarterlyReviews.id,
        partnerName: partners.legalName,
        quarter: quarterlyReviews.quarter,
        since: quarterlyReviews.createdAt,
        total: totalRows(),
      })
      .from(quarterlyReviews)
      .innerJoin(partners, eq(partners.id, quarterlyReviews.partnerId))
      .where(eq(quarterlyReviews.status, 'draft'))
      .orderBy(asc(quarterlyReviews.quarter), asc(quarterlyReviews.createdAt), asc(quarterlyReviews.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/reviews/${r.id}`,
      partnerName: r.partnerName,
      subject: r.quarter,
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
