import type { MessageKey } from '@outpost/i18n';
import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';

/**
 * The partner home's incentives card: the recognition of the latest applied tier that gives one,
 * and the way to the records (the header has no room for another link).
 */
export function RecognitionCard({
  recognition,
  records,
}: {
  recognition: { quarter: string; tierName: string; serviceCategory: string } | null;
  records: number;
}) {
  const t = useT();
  if (!recognition && records === 0) return null;
  return (
    <section className="card stack" aria-labelledby="recognition-card">
      <h2 id="recognition-card">
        {recognition ? t('incentives.measure.recognition') : t('incentives.partner.title')}
      </h2>
      {recognition ? (
        <p>
          {t('incentives.partner.recognition', {
            quarter: recognition.quarter,
            tier: recognition.tierName,
            category: t(`category.${recognition.serviceCategory}` as MessageKey),
          })}
        </p>
      ) : null}
      <p>
        <AppLink to="/p/incentives">{t('incentives.partner.title')}</AppLink>
      </p>
    </section>
  );
}
