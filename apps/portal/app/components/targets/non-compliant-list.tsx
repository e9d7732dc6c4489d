import { useT } from '../../lib/i18n';
import { AppLink } from '../app-link';

type Reason = 'documents' | 'training' | 'rectification' | 'critical_alert' | 'contract';

/** Where each reason's records are: the partner's page, its training, its alerts, its contracts. */
const recordsOf = (reason: Reason, partnerId: string) =>
  reason === 'training'
    ? `/s/training/partners/${partnerId}`
    : reason === 'critical_alert'
      ? `/s/risk/alerts?partner=${partnerId}`
      : reason === 'contract'
        ? '/s/contracts'
        : `/s/partners/${partnerId}`;

/** The compliance figure's drill-down: each partner not compliant, why, and links to the records. */
export function NonCompliantList({
  quarter,
  measured,
  items,
  total,
  allHref,
}: {
  quarter: string;
  measured: boolean;
  /** The first of the partners not compliant, most reasons first. */
  items: { partnerId: string; legalName: string; reasons: Reason[] | null }[];
  /** How many are not compliant in all. */
  total: number;
  /** The partner table sorted by compliance, where all of them are. */
  allHref: string;
}) {
  const t = useT();
  return (
    <section className="card stack" id="non-compliant" aria-labelledby="non-compliant-title">
      <h2 id="non-compliant-title">{t('targets.nonCompliant.title', { quarter })}</h2>
      {!measured ? (
        <p className="muted">{t('targets.nonCompliant.notMeasured')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('targets.nonCompliant.empty')}</p>
      ) : (
        <ul className="stack" data-testid="non-compliant-list">
          {items.map((item) => (
            <li key={item.partnerId}>
              <AppLink to={`/s/partners/${item.partnerId}`}>{item.legalName}</AppLink>
              <span className="muted"> · {t('targets.nonCompliant.why')}:</span>
              <ul>
                {(item.reasons ?? []).map((r) => (
                  <li key={r}>
                    <a href={recordsOf(r, item.partnerId)}>{t(`targets.reason.${r}`)}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {total > items.length ? (
        <p>
          <a href={allHref}>{t('targets.nonCompliant.seeAll', { shown: items.length, count: total })}</a>
        </p>
      ) : null}
    </section>
  );
}
