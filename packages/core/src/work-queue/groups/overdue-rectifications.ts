import { partners, quarterlyReviews, rectificationItems } from '@outpost/db';
import { and, asc, eq, lt, ne } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/**
 * Risk officers and administrators: open items of published reviews whose due date has
 * passed, most overdue first, to chase the partner. (Items of a draft are not yet the partner's.)
 */
export const overdueRectifications: WorkSource = {
  key: 'overdueRectifications',
  permission: 'manage:reviews',
  listHref: null,
  async load(db, { today, limit }) {
    const rows = await db
      .select({
        id: rectificationItems.id,
        reviewId: rectificationItems.reviewId,
        partnerName: partners.legalName,
        description: rectificationItems.description,
        dueDate: rectificationItems.dueDate,
        total: totalRows(),
      })
      .from(rectificationItems)
      .innerJoin(partners, eq(partners.id, rectificationItems.partnerId))
      .innerJoin(quarterlyReviews, eq(quarterlyReviews.id, rectificationItems.reviewId))
      .where(
        and(
          eq(rectificationItems.status, 'open'),
          lt(rectificationItems.dueDate, today),
          ne(quarterlyReviews.status, 'draft'),
        ),
      )
      .orderBy(asc(rectificationItems.dueDate), asc(rectificationItems.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/reviews/${r.reviewId}#item-${r.id}`,
      partnerName: r.partnerName,
      subject: r.description,
      stage: null,
      since: null,
      dueDate: r.dueDate,
    }));
  },
};
