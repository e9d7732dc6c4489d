import { useT } from '../../lib/i18n';
import { categoryLabel } from '../partner-labels';

/** Whom a notice went to: a partner, a service category, or one person. */
export function NoticeAudience({
  notice,
}: {
  notice: {
    target: string;
    partnerName: string | null;
    personName: string | null;
    serviceCategory: string | null;
  };
}) {
  const t = useT();
  if (notice.target === 'category')
    return (
      <>{t('training-notices.audience.category', { name: categoryLabel(t, notice.serviceCategory ?? '') })}</>
    );
  if (notice.target === 'person')
    return (
      <>
        {t('training-notices.audience.person', {
          name: `${notice.personName ?? ''} (${notice.partnerName ?? ''})`,
        })}
      </>
    );
  return <>{t('training-notices.audience.partner', { name: notice.partnerName ?? '' })}</>;
}
