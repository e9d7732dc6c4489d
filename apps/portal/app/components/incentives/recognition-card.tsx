import type { MessageKey } from '@outpost/i18n';
import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';

/** The partner home's recognition: the latest applied tier that recognises it, if any. */
export function RecognitionCard({
  recognition,
}: {
  recognition: { quarter: string; tierName: string; serviceCategory: string } | null;
}) {
  const t = useT();
  if (!recognition) return null;
  return (
    <section className="card stack" aria-labelledby="recognition-card">
      <h2 id="recognition-card">{t('incentives.measure.recognition')}</h2>
      <p>
        {t('incentives.partner.recognition', {
          quarter: recognition.quarter,
          tier: recognition.tierName,
          category: t(`category.${recognition.serviceCategory}` as MessageKey),
        })}
      </p>
      <p>
        <AppLink to="/p/incentives">{t('incentives.partner.title')}</AppLink>
      </p>
    </section>
  );
}
