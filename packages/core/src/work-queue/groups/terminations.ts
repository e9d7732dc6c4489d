import { partners, terminationApprovals, terminationCases, terminationTasks } from '@outpost/db';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Termination cases in approval whose frozen approver list names this person, without their decision yet (decision 049). */
export const terminationsAwaitingApproval: WorkSource = {
  key: 'terminationsAwaitingApproval',
  permission: 'read:partner:any',
  listHref: '/s/terminations?status=approval',
  async relevant(db, { userId }) {
    const [row] = await db
      .select({ id: terminationCases.id })
      .from(terminationCases)
      .where(
        and(
          eq(terminationCases.status, 'approval'),
          sql`${userId}::uuid = any(${terminationCases.approverIds})`,
        ),
      )
      .limit(1);
    return row !== undefined;
  },
  async load(db, { userId, limit }) {
    const rows = await db
      .select({
        id: terminationCases.id,
        partnerName: partners.legalName,
        since: terminationCases.updatedAt,
        effectiveDate: terminationCases.effectiveDate,
        total: totalRows(),
      })
      .from(terminationCases)
      .innerJoin(partners, eq(partners.id, terminationCases.partnerId))
      .where(
        and(
          eq(terminationCases.status, 'approval'),
          sql`${userId}::uuid = any(${terminationCases.approverIds})`,
          sql`not exists (select 1 from ${terminationApprovals} where ${terminationApprovals.caseId} = ${terminationCases.id} and ${terminationApprovals.approverId} = ${userId})`,
        ),
      )
      .orderBy(asc(terminationCases.updatedAt), asc(terminationCases.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/terminations/${r.id}`,
      partnerName: r.partnerName,
      subject: null,
      stage: null,
      since: r.since,
      dueDate: r.effectiveDate,
    }));
  },
};

/**
 * Exit checklist tasks waiting for this person: internal tasks they own that are open, and
 * partner tasks submitted for verification on cases they are responsible for.
 */
export const terminationTasksToDo: WorkSource = {
  key: 'terminationTasksToDo',
  permission: 'suspend:partner',
  listHref: '/s/terminations?status=approved',
  // Only for people who run a case in progress: the group stays out of everyone else's queue.
  async relevant(db, { userId }) {
    const [row] = await db
      .select({ id: terminationCases.id })
      .from(terminationCases)
      .where(and(eq(terminationCases.status, 'approved'), eq(terminationCases.responsibleId, userId)))
      .limit(1);
    return row !== undefined;
  },
  async load(db, { userId, limit }) {
    const rows = await db
      .select({
        id: terminationTasks.id,
        caseId: terminationTasks.caseId,
        titleZh: terminationTasks.titleZh,
        titleEn: terminationTasks.titleEn,
        partnerName: partners.legalName,
        since: terminationTasks.updatedAt,
        dueDate: terminationTasks.dueDate,
        total: totalRows(),
      })
      .from(terminationTasks)
      .innerJoin(terminationCases, eq(terminationCases.id, terminationTasks.caseId))
      .innerJoin(partners, eq(partners.id, terminationTasks.partnerId))
      .where(
        and(
          inArray(terminationCases.status, ['approved']),
          or(
            and(
              eq(terminationTasks.side, 'internal'),
              eq(terminationTasks.status, 'open'),
              eq(terminationTasks.ownerId, userId),
            ),
            and(eq(terminationTasks.status, 'submitted'), eq(terminationCases.responsibleId, userId)),
          ),
        ),
      )
      .orderBy(asc(terminationTasks.dueDate), asc(terminationTasks.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/terminations/${r.caseId}#task-${r.id}`,
      partnerName: r.partnerName,
      subject: { zh: r.titleZh, en: r.titleEn },
      stage: null,
      since: r.since,
      dueDate: r.dueDate,
    }));
  },
};
