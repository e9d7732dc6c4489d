import { Badge } from '@outpost/ui';
import { useT } from '../../lib/i18n';
import type { ReviewDetailView } from '../../lib/reviews/review-view.server';
import { kpiStatusLabel, kpiTone } from './labels';

/** The scorecard as it was when the review was drafted (frozen), KPI by KPI. */
export function SnapshotTable({ snapshot }: { snapshot: ReviewDetailView['snapshot'] }) {
  const t = useT();
  return (
    <section className="card review-section" aria-labelledby="snapshot-heading">
      <h2 id="snapshot-heading">{t('reviews.snapshot')}</h2>
      <p className="muted">
        {t('reviews.snapshotHint')} ({snapshot.period.label})
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it. */}
      <div className="table-scroll" role="region" aria-labelledby="snapshot-heading" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('reviews.kpi')}</th>
              <th scope="col">{t('reviews.value')}</th>
              <th scope="col">{t('reviews.target')}</th>
              <th scope="col">{t('reviews.kpiStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.kpis.map((k) => (
              <tr key={k.key}>
                <th scope="row">{k.name}</th>
                <td>{k.value ?? t('reviews.noData')}</td>
                <td>{k.target}</td>
                <td>
                  <Badge tone={kpiTone[k.status] ?? 'neutral'}>{kpiStatusLabel(t, k.status)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {snapshot.execution ? (
        <p>
          <strong>{t('contracts.execution.review')}</strong>:{' '}
          {t('contracts.execution.reviewValue', snapshot.execution)}
        </p>
      ) : null}
    </section>
  );
}
