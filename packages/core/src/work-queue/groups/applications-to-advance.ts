import { applications, partners } from '@outpost/db';
import { and, asc, eq, ne } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/**
 * Reviewers: open applications at a stage they work on (document review, on-site inspection,
 * pilot). At the committee stage the work is the members' (ballots-awaiting-vote.ts).
 */
export const applicationsToAdvance: WorkSource = {
  key: 'applicationsToAdvance',
  permission: 'manage:application',
  listHref: '/s/applications?status=in_progress',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: applications.id,
        partnerName: partners.legalName,
        stage: applications.stage,
        since: applications.updatedAt,
        total: totalRows(),
      })
      .from(applications)
      .innerJoin(partners, eq(partners.id, applications.partnerId))
      .where(and(eq(applications.status, 'in_progress'), ne(applications.stage, 'committee')))
      .orderBy(asc(applications.updatedAt), asc(applications.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/applications/${r.id}`,
      partnerName: r.partnerName,
      subject: null,
      stage: r.stage,
      since: r.since,
      dueDate: null,
    }));
  },
};
