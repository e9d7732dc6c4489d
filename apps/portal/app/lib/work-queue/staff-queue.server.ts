import { daysBetween, staffWorkQueue, type WorkText, type Actor } from '@outpost/core';
import type { Database } from '@outpost/db';
import { dayInChina, formatDay, type Locale, todayInChina, translate } from '@outpost/i18n';

const textIn = (locale: Locale, text: WorkText) =>
  typeof text === 'string' ? text : locale === 'zh-CN' ? text.zh : text.en;

/** The work queue as the page shows it: texts in the reader's language, waiting times in days. */
export async function loadWorkQueue(db: Database, actor: Actor, locale: Locale, now = new Date()) {
  const queue = await staffWorkQueue(db, actor, { now });
  const today = todayInChina(now);
  return {
    total: queue.total,
    groups: queue.groups.map((group) => ({
      key: group.key,
      count: group.count,
      listHref: group.listHref,
      items: group.items.map((item) => {
        const subject = item.subject
          ? textIn(locale, item.subject)
          : item.stage
            ? translate(locale, `stage.${item.stage}`)
            : null;
        return {
          id: item.id,
          href: item.href,
          label: subject
            ? translate(locale, 'work-queue.itemLink', { partner: item.partnerName, subject })
            : item.partnerName,
          since: item.since?.toISOString() ?? null,
          waitingDays: item.since ? Math.max(0, daysBetween(dayInChina(item.since), today)) : null,
          due: item.dueDate ? formatDay(locale, item.dueDate) : null,
          overdueDays: item.dueDate ? daysBetween(item.dueDate, today) : null,
        };
      }),
    })),
  };
}

export type WorkQueueView = Awaited<ReturnType<typeof loadWorkQueue>>;
