import { formatDateTime } from '@outpost/i18n';
import { Badge } from '@outpost/ui';
import { useLocale, useT } from '../../lib/i18n';

export interface EventRow {
  id: number;
  externalId: string;
  type: string;
  occurredAt: Date | string;
  payload: unknown;
  voidedBy: string | null;
}

/** The fields of an event's payload as "name: value" pairs (instants in the reader's locale). */
function describePayload(locale: 'zh-CN' | 'en', payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  return Object.entries(payload as Record<string, unknown>)
    .map(([k, v]) => {
      const value =
        typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? formatDateTime(locale, v) : String(v);
      return `${k}: ${value}`;
    })
    .join(' · ');
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
              </td>
              <td>{formatDateTime(locale, e.occurredAt)}</td>
              <td className="event-details">{describePayload(locale, e.payload)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
