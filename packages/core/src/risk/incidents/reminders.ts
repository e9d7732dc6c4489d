import { type Database, riskIncidents, riskIncidentTasks } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, lte, ne, sql } from 'drizzle-orm';
import { systemActor } from '../../actor.ts';
import { audit } from '../../audit.ts';
import { notify } from '../../notifications.ts';
import { partnerUserIds } from '../../reviews/members.ts';

/** A task due within this many days is reminded of once; once overdue, once more. */
export const TASK_DUE_SOON_DAYS = 2;

/**
 * Reminds of remediation tasks not yet submitted that are due within two days, and of those
 * overdue: the partner's people (inbox and e-mail) for a partner task, the staff member for an
 * internal one. Each reminder is claimed with one atomic update of `reminders_sent`, so a
 * retried, repeated or concurrent run sends it once.
 */
export async function runRemediationTaskReminders(db: Database, now = new Date()) {
  const actor = systemActor('risk-task-reminders');
  const today = todayInChina(now);
  const result = { reminded: 0 };
  const due = await db
    .select({ task: riskIncidentTasks, incidentStatus: riskIncidents.status })
    .from(riskIncidentTasks)
    .innerJoin(riskIncidents, eq(riskIncidents.id, riskIncidentTasks.incidentId))
    .where(
      and(
        eq(riskIncidentTasks.status, 'open'),
        ne(riskIncidents.status, 'closed'),
        lte(riskIncidentTasks.dueDate, addDays(today, TASK_DUE_SOON_DAYS)),
      ),
    );
  for (const { task } of due) {
    const key = task.dueDate < today ? 'overdue' : 'due_soon';
    // Overdue counts the due-soon reminder as passed too.
    const keys = key === 'overdue' ? ['due_soon', 'overdue'] : ['due_soon'];
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(riskIncidentTasks)
        .set({
          remindersSent: sql`(select array_agg(distinct k) from unnest(${riskIncidentTasks.remindersSent} || ${sql.param(keys)}::text[]) as k)`,
        })
        .where(
          and(
            eq(riskIncidentTasks.id, task.id),
            eq(riskIncidentTasks.status, 'open'),
            sql`not (${key} = any(${riskIncidentTasks.remindersSent}))`,
          ),
        )
        .returning({ id: riskIncidentTasks.id });
      if (claimed.length === 0) return;
      await audit(tx, actor, {
        action: 'risk_incident.task_reminded',
        entityType: 'risk_incident',
        entityId: task.incidentId,
        partnerId: task.partnerId,
        data: { taskId: task.id, reminder: key, dueDate: task.dueDate },
      });
      const partnerTask = task.assignee === 'partner';
      const userIds = partnerTask
        ? await partnerUserIds(tx, task.partnerId)
        : task.assigneeId
          ? [task.assigneeId]
          : [];
      if (userIds.length === 0) return;
      await notify(tx, {
        userIds,
        template: key === 'overdue' ? 'notify.risk_task_overdue' : 'notify.risk_task_due',
        params: { description: task.description.slice(0, 80), date: task.dueDate },
        link: partnerTask ? `/p/risk/incidents/${task.incidentId}` : `/s/risk/incidents/${task.incidentId}`,
        email: 'rectification',
      });
      result.reminded++;
    });
  }
  return result;
}
