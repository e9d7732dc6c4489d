import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';

/** A task's status, with an overdue marker that is also words (not only colour). */
export function SupervisionStatus({ status, overdue }: { status: 'open' | 'closed'; overdue: boolean }) {
  const t = useT();
  return (
    <>
      <Badge tone={status === 'closed' ? 'positive' : 'caution'}>{t(`supervision.status.${status}`)}</Badge>
      {overdue ? (
        <>
          {' '}
          <Badge tone="negative">
            <span aria-hidden="true">! </span>
            {t('supervision.overdue')}
          </Badge>
        </>
      ) : null}
    </>
  );
}
