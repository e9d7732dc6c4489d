import type { ConfirmationFigure } from '@outpost/core';
import { useLocale, useT } from '../../lib/i18n';
import { formatShare } from '../../lib/training/format';

/** "83 % of confirmations made (5 of 6), 1 overdue", or that none is asked; shown beside compliance. */
export function ConfirmationRate({ figure }: { figure: ConfirmationFigure | null }) {
  const t = useT();
  const locale = useLocale();
  if (!figure || figure.share === null)
    return <span className="muted">{t('training-notices.rate.none')}</span>;
  return (
    <span>
      {t('training-notices.rate.value', {
        rate: formatShare(locale, figure.share),
        confirmed: figure.confirmed,
        owed: figure.owed,
        overdue: figure.overdue,
      })}
    </span>
  );
}
