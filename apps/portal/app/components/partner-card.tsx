import { Badge, DescriptionList } from '@outpost/ui';
import { useT } from '../lib/i18n';
import { categoryLabel, criticalityLabel, criticalityTone, statusLabel, statusTone } from './partner-labels';

export interface PartnerCardData {
  legalName: string;
  creditCode: string;
  status: string;
  serviceCategories: string[];
  criticality: string;
}

/** The organisation's register entry: who it is, whether it may work for us, and how much it matters. */
export function PartnerCard({
  partner,
  headingLevel = 2,
}: {
  partner: PartnerCardData;
  headingLevel?: 1 | 2;
}) {
  const t = useT();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="card" aria-labelledby="partner-card-title">
      <p className="card__eyebrow">{t('partner.organisation')}</p>
      <Heading id="partner-card-title" className="card__title">
        {partner.legalName}
      </Heading>
      <DescriptionList
        items={[
          { term: t('partner.creditCode'), details: <span className="mono">{partner.creditCode}</span> },
          {
            term: t('partner.status'),
            details: (
              <Badge tone={statusTone[partner.status] ?? 'neutral'}>{statusLabel(t, partner.status)}</Badge>
            ),
          },
          {
            term: t('partner.categories'),
            details: partner.serviceCategories.length ? (
              <ul className="tag-list">
                {partner.serviceCategories.map((c) => (
                  <li key={c}>{categoryLabel(t, c)}</li>
                ))}
              </ul>
            ) : (
              t('common.none')
            ),
          },
          {
            term: t('partner.criticality'),
            details: (
              <Badge tone={criticalityTone[partner.criticality] ?? 'neutral'}>
                {criticalityLabel(t, partner.criticality)}
              </Badge>
            ),
          },
        ]}
      />
    </section>
  );
}
