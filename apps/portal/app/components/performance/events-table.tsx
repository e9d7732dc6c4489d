import { formatDateTime } from '@outpost/i18n';
import { Badge } from '@outpost/ui';
import { useLocale, useT } from '../../lib/i18n';
import { eventFields, formatMinutes } from '../../lib/performance/event-fields';

export interface EventRow {
  id: number;
  externalId: string;
  type: string;
  occurredAt: Date | string;
  payload: unknown;
  voidedBy: string | null;
  /** A closed case that missed its SLA (core's slaOutcome); null when the event has no SLA. */
  late?: boolean | null;
  minutesLate?: number | null;
}

/** Raw events behind a KPI; a voided event stays listed, marked with the correction that voided it. */
export function EventsTable({ items, caption }: { items: EventRow[]; caption: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('performance.event.externalId')}</th>
            <th scope="col">{t('performance.event.type')}</th>
            <th scope="col">{t('performance.event.occurredAt')}</th>
            <th scope="col">{t('performance.event.details')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="mono">
                {e.externalId}
              </th>
              <td>
                {t(`event_type.${e.type}` as never)}
                {e.voidedBy ? (
                  <>
                    {' '}
                    <Badge tone="caution">{t('scorecard.voided_by', { externalId: e.voidedBy })}</Badge>
                  </>
                ) : null}
                {e.late ? (
                  <>
                    {' '}
                    <Badge tone="negative">
                      <span aria-hidden="true" className="kpi-status__mark">
                        {'✕ '}
                      </span>
                      <span className="event-late">
                        {e.minutesLate
                          ? t('performance.event.lateBy', { duration: formatMinutes(t, e.minutesLate) })
                          : t('performance.event.late')}
                      </span>
                    </Badge>
                  </>
                ) : null}
              </td>
              <td>{formatDateTime(locale, e.occurredAt)}</td>
              <td className="event-details">
                <dl className="event-fields">
                  {eventFields(locale, t, e.payload).map((f) => (
                    <div key={f.key} className="event-fields__row">
                      <dt>{f.label}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
