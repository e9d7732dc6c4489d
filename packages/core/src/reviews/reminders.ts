import { type Database, rectificationItems } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify } from '../notifications.ts';
import { partnerUserIds } from './members.ts';

/** Reminders before a rectification item is due: a week before, and the day before. */
export const RECTIFICATION_REMINDERS = [
  { key: '7d', days: 7 },
  { key: '1d', days: 1 },
] as const;

/**
 * Reminds each partner of its open rectification items coming due (inbox and e-mail).
 * Each reminder is claimed with one atomic update of the item's `reminders_sent`, so a
 * retried, repeated or concurrent run sends it once. An item first seen inside the last
 * day gets only the day-before reminder (the week's one is marked as passed).
 */
export async function runRectificationReminders(db: Database, now = new Date()) {
  const actor = systemActor('rectification-reminders');
  const today = todayInChina(now);
  const result = { reminded: 0 };
  const due = await db
    .select()
    .from(rectificationItems)
    .where(
      and(
        eq(rectificationItems.status, 'open'),
        gte(rectificationItems.dueDate, today),
        lte(rectificationItems.dueDate, addDays(today, RECTIFICATION_REMINDERS[0].days)),
      ),
    );
  for (const item of due) {
    // The most urgent reminder whose window has opened; every earlier one counts as sent with it.
    const passed = RECTIFICATION_REMINDERS.filter((r) => item.dueDate <= addDays(today, r.days));
    const reminder = passed[passed.length - 1];
    if (!reminder) continue;
    const keys = passed.map((r) => r.key);
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(rectificationItems)
        .set({
          remindersSent: sql`(select array_agg(distinct k) from unnest(${rectificationItems.remindersSent} || ${sql.param(keys)}::text[]) as k)`,
        })
        .where(
          and(
            eq(rectificationItems.id, item.id),
            eq(rectificationItems.status, 'open'),
            sql`not (${reminder.key} = any(${rectificationItems.remindersSent}))`,
          ),
        )
        .returning({ id: rectificationItems.id });
      if (claimed.length === 0) return;
      await audit(tx, actor, {
        action: 'rectification.reminded',
        entityType: 'rectification_item',
        entityId: item.id,
        partnerId: item.partnerId,
        data: { reminder: reminder.key, dueDate: item.dueDate },
      });
      await notify(tx, {
        userIds: await partnerUserIds(tx, item.partnerId),
        template: 'notify.rectification_due',
        params: { description: item.description.slice(0, 80), date: item.dueDate, days: reminder.days },
        link: `/p/reviews/${item.reviewId}`,
        email: 'rectification',
      });
      result.reminded++;
    });
  }
  return result;
}
