import { useT } from '../../lib/i18n';
import type { WorkQueueView } from '../../lib/work-queue/staff-queue.server';
import { AppLink } from '../app-link';

type Group = WorkQueueView['groups'][number];

/** One kind of work: its count, the items that have waited longest (each a link to where it is done), and "see all". */
export function WorkGroupCard({ group }: { group: Group }) {
  const t = useT();
  const headingId = `work-${group.key}`;
  const title = t(`work-queue.group.${group.key}` as never);
  const more = group.count - group.items.length;
  return (
    <section
      className={`card work-group${group.count === 0 ? ' work-group--empty' : ''}`}
      aria-labelledby={headingId}
    >
      <div className="work-group__head">
        <h2 id={headingId} className="work-group__title">
          {title}
        </h2>
        <span className="work-group__count">{t('work-queue.groupCount', { count: group.count })}</span>
      </div>
      <p className="muted work-group__hint">{t(`work-queue.group.${group.key}.hint` as never)}</p>
      {group.count === 0 ? (
        <p className="work-group__none">{t('work-queue.groupEmpty')}</p>
      ) : (
        <ol className="work-group__items">
          {group.items.map((item) => (
            <li key={item.id} className="work-group__item">
              <AppLink to={item.href} className="work-group__link">
                {item.label}
              </AppLink>
              {item.overdueDays !== null && item.overdueDays > 0 ? (
                <span className="work-group__when work-group__when--late">
                  {t('work-queue.overdue', { days: item.overdueDays, date: item.due ?? '' })}
                </span>
              ) : item.waitingDays !== null && item.since ? (
                <time className="work-group__when" dateTime={item.since}>
                  {t('work-queue.waiting', { days: item.waitingDays })}
                </time>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {more > 0 ? (
        group.listHref ? (
          <p className="work-group__all">
            <AppLink to={group.listHref}>
              {t('work-queue.seeAll', { count: group.count, group: title })}
            </AppLink>
          </p>
        ) : (
          <p className="muted work-group__all">{t('work-queue.more', { count: more })}</p>
        )
      ) : null}
    </section>
  );
}
