import { documentRequirements, documents, partners } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Reviewers: uploaded documents (new, re-uploaded or renewed) that nobody has accepted or rejected yet. */
export const documentsToReview: WorkSource = {
  key: 'documentsToReview',
  permission: 'review:document',
  listHref: null,
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: documents.id,
        partnerId: documents.partnerId,
        partnerName: partners.legalName,
        nameZh: documentRequirements.nameZh,
        nameEn: documentRequirements.nameEn,
        since: documents.updatedAt,
        total: totalRows(),
      })
      .from(documents)
      .innerJoin(partners, eq(partners.id, documents.partnerId))
      .innerJoin(documentRequirements, eq(documentRequirements.id, documents.requirementId))
      .where(eq(documents.status, 'submitted'))
      .orderBy(asc(documents.updatedAt), asc(documents.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      // Documents are reviewed on the partner's page, each under its own heading.
      href: `/s/partners/${r.partnerId}#doc-${r.id}`,
      partnerName: r.partnerName,
      subject: { zh: r.nameZh, en: r.nameEn },
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
