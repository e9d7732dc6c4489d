import { partners, riskIncidentTasks } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import { countAndItems, totalRows } from '../total.ts';
import type { WorkSource } from '../types.ts';

/** Risk officers and administrators: remediation tasks of incidents submitted, to verify or send back. */
export const remediationTasksToVerify: WorkSource = {
  key: 'remediationTasksToVerify',
  permission: 'manage:risk-incidents',
  listHref: '/s/risk/incidents',
  async load(db, { limit }) {
    const rows = await db
      .select({
        id: riskIncidentTasks.id,
        incidentId: riskIncidentTasks.incidentId,
        partnerName: partners.legalName,
        description: riskIncidentTasks.description,
        since: riskIncidentTasks.submittedAt,
        dueDate: riskIncidentTasks.dueDate,
        total: totalRows(),
      })
      .from(riskIncidentTasks)
      .innerJoin(partners, eq(partners.id, riskIncidentTasks.partnerId))
      .where(eq(riskIncidentTasks.status, 'submitted'))
      .orderBy(asc(riskIncidentTasks.submittedAt), asc(riskIncidentTasks.id))
      .limit(limit);
    return countAndItems(rows, (r) => ({
      id: r.id,
      href: `/s/risk/incidents/${r.incidentId}#task-${r.id}`,
      partnerName: r.partnerName,
      subject: r.description,
      stage: null,
      since: r.since,
      dueDate: r.dueDate,
    }));
  },
};
