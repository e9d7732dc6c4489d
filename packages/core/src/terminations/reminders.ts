import { type Database, partnerMemberships, partners, terminationCases, terminationTasks } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, inArray, lte, not, sql } from 'drizzle-orm';
import { notify } from '../notifications.ts';
import { caseLink, PARTNER_LINK } from './shared.ts';

/**
 * The daily reminder of exit tasks, as for remediation tasks: due within two days, then overdue —
 * each once (claimed on the task's remindersSent in the same statement, so a retried or second
 * worker's run sends nothing twice). Partner tasks go to the partner's administrators; overdue
 * ones are escalated to the case's responsible person; internal tasks go to their owner.
 */
export async function runTerminationTaskReminders(db: Database, now = new Date()) {
  const today = todayInChina(now);
  let sent = 0;
  for (const kind of ['due_soon', 'overdue'] as const) {
    const dueBound = kind === 'due_soon' ? addDays(today, 2) : addDays(today, -1);
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(terminationTasks)
        .set({ remindersSent: sql`array_append(${terminationTasks.remindersSent}, ${kind})` })
        .where(
          and(
            eq(terminationTasks.status, 'open'),
            lte(terminationTasks.dueDate, dueBound),
            not(sql`${kind} = any(${terminationTasks.remindersSent})`),
            inArray(
              terminationTasks.caseId,
              tx
                .select({ id: terminationCases.id })
                .from(terminationCases)
                .where(eq(terminationCases.status, 'approved')),
            ),
          ),
        )
        .returning();
      for (const task of claimed) {
        const [c] = await tx
          .select({ responsibleId: terminationCases.responsibleId, name: partners.legalName })
          .from(terminationCases)
          .innerJoin(partners, eq(partners.id, terminationCases.partnerId))
          .where(eq(terminationCases.id, task.caseId));
        const admins =
          task.side === 'partner'
            ? (
                await tx
                  .select({ id: partnerMemberships.userId })
                  .from(partnerMemberships)
                  .where(
                    and(
                      eq(partnerMemberships.partnerId, task.partnerId),
                      eq(partnerMemberships.role, 'partner_admin'),
                    ),
                  )
              ).map((r) => r.id)
            : [];
        const staff =
          task.side === 'internal' ? [task.ownerId] : kind === 'overdue' ? [c?.responsibleId] : [];
        const template =
          kind === 'due_soon' ? 'notify.termination_task_due' : 'notify.termination_task_overdue';
        const params = { name: c?.name ?? '', title: task.titleZh, date: task.dueDate };
        if (admins.length) {
          await notify(tx, {
            userIds: admins,
            template,
            params,
            link: PARTNER_LINK,
            email: 'partner_status',
          });
        }
        const staffIds = staff.filter((x): x is string => !!x);
        if (staffIds.length)
          await notify(tx, { userIds: staffIds, template, params, link: caseLink(task.caseId) });
        sent++;
      }
    });
  }
  return { sent };
}
