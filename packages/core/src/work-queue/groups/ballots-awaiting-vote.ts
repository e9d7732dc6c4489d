import { applications, committeeVotes, partners } from '@outpost/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/**
 * Committee members: applications at the committee stage whose frozen member list names
 * this person and that have no vote of theirs yet.
 */
export const ballotsAwaitingVote: WorkSource = {
  key: 'ballotsAwaitingVote',
  permission: 'vote:committee',
  listHref: '/s/applications?stage=committee',
  async load(db, { userId, limit }) {
    const rows = await db
      .select({
        id: applications.id,
        partnerName: partners.legalName,
        since: applications.updatedAt,
        total: totalRows(),
      })
      .from(applications)
      .innerJoin(partners, eq(partners.id, applications.partnerId))
      .where(
        and(
          eq(applications.status, 'in_progress'),
          eq(applications.stage, 'committee'),
          sql`${applications.committeeRule} -> 'members' @> jsonb_build_array(${userId}::text)`,
          sql`not exists (select 1 from ${committeeVotes} where ${committeeVotes.applicationId} = ${applications.id} and ${committeeVotes.memberId} = ${userId})`,
        ),
      )
      .orderBy(asc(applications.updatedAt), asc(applications.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/applications/${r.id}#committee-heading`,
      partnerName: r.partnerName,
      subject: null,
      stage: null,
      since: r.since,
      dueDate: null,
    }));
  },
};
