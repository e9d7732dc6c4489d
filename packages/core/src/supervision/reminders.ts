import { type Database, supervisionTasks } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify } from '../notifications.ts';

/** How many days before its due date the owner of an open task is reminded. */
export const SUPERVISION_REMINDER_DAYS = 3;

/**
 * Reminds each open task's owner once per due date, from three days before it (and on the
 * first run after, if it is already overdue). The reminder is claimed by one atomic update
 * (`reminded_for` = the due date), so two workers or a retried run send it once; moving the
 * due date makes the task due a reminder again.
 */
export async function runSupervisionReminders(db: Database, now = new Date()) {
  const actor = systemActor('supervision-reminders');
  const today = todayInChina(now);
  const due = await db
    .select({ id: supervisionTasks.id })
    .from(supervisionTasks)
    .where(
      and(
        eq(supervisionTasks.status, 'open'),
        lte(supervisionTasks.dueDate, addDays(today, SUPERVISION_REMINDER_DAYS)),
        or(isNull(supervisionTasks.remindedFor), ne(supervisionTasks.remindedFor, supervisionTasks.dueDate)),
      ),
    );
  let reminded = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [task] = await tx
        .update(supervisionTasks)
        .set({ remindedFor: sql`${supervisionTasks.dueDate}` })
        .where(
          and(
            eq(supervisionTasks.id, id),
            eq(supervisionTasks.status, 'open'),
            sql`${supervisionTasks.remindedFor} is distinct from ${supervisionTasks.dueDate}`,
          ),
        )
        .returning();
      if (!task) return;
      await audit(tx, actor, {
        action: 'supervision.task_reminded',
        entityType: 'supervision_task',
        entityId: task.id,
        data: { dueDate: task.dueDate, ownerId: task.ownerId },
      });
      await notify(tx, {
        userIds: [task.ownerId],
        template: task.dueDate < today ? 'supervision.notify.overdue' : 'supervision.notify.due',
        params: { title: task.title.slice(0, 80), date: task.dueDate },
        link: `/s/supervision/${task.id}`,
      });
      reminded++;
    });
  }
  return { reminded };
}
