import { partners, rectificationItems } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Risk officers and administrators: rectification items the partner has submitted, to verify or reopen. */
export const rectificationsToVerify: WorkSource = {
  key: 'rectificationsToVerify',
  permission: 'manage:reviews',
  listHref: null,
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: rectificationItems.id,
        reviewId: rectificationItems.reviewId,
        partnerName: partners.legalName,
        description: rectificationItems.description,
        since: rectificationItems.submittedAt,
        dueDate: rectificationItems.dueDate,
        total: totalRows(),
      })
      .from(rectificationItems)
      .innerJoin(partners, eq(partners.id, rectificationItems.partnerId))
      .where(eq(rectificationItems.status, 'submitted'))
      .orderBy(asc(rectificationItems.submittedAt), asc(rectificationItems.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/reviews/${r.reviewId}#item-${r.id}`,
      partnerName: r.partnerName,
      subject: r.description,
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
