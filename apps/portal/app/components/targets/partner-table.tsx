import { formatNumber } from '@outpost/i18n';
import { useLocale, useT } from '../../lib/i18n';
import { formatShare } from '../../lib/training/format';
import { AppLink } from '../app-link';
import { categoryLabel } from '../partner-labels';
import { TableRegion } from '../table-region';
import { formatChange } from './target-card';

type Sort = 'name' | 'compliance' | 'satisfaction' | 'risk_response';

export interface TargetPartnerRow {
  partnerId: string;
  legalName: string;
  serviceCategories: string[];
  region: string | null;
  reasons: string[] | null;
  meanRating: number | null;
  ratingChange: number | null;
  alertsDue: number;
  share24h: number | null;
  medianMinutes: number | null;
}

/** The partner-level table, each figure's column a link that sorts by it (again: the other way). */
export function TargetPartnerTable({
  quarter,
  rows,
  sort,
  dir,
  hrefFor,
  duration,
  total,
}: {
  quarter: string;
  /** This page's rows. */
  rows: TargetPartnerRow[];
  /** Partners in the table over all pages. */
  total: number;
  sort: Sort;
  dir: 'asc' | 'desc';
  hrefFor: (sort: Sort, dir: 'asc' | 'desc') => string;
  duration: (minutes: number | null) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const header = (column: Sort, label: string) => {
    const next = sort === column && dir === 'asc' ? 'desc' : 'asc';
    return (
      <th scope="col" aria-sort={sort === column ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a href={hrefFor(column, next)} aria-label={t('targets.partners.sortBy', { column: label })}>
          {label}
          {sort === column ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </a>
      </th>
    );
  };
  return (
    <section className="card stack" aria-labelledby="target-partners-title">
      <h2 id="target-partners-title">{t('targets.partners.title', { quarter })}</h2>
      <p className="muted" role="status">
        {t('targets.partners.count', { count: total })}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('targets.partners.empty')}</p>
      ) : (
        <TableRegion labelledBy="target-partners-title">
          <table className="table" data-testid="target-partners">
            <thead>
              <tr>
                {header('name', t('targets.partners.partner'))}
                <th scope="col">{t('targets.partners.region')}</th>
                {header('compliance', t('targets.partners.compliance'))}
                {header('satisfaction', t('targets.partners.satisfaction'))}
                {header('risk_response', t('targets.partners.response'))}
                <th scope="col">{t('targets.partners.median')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.partnerId}>
                  <th scope="row">
                    <AppLink to={`/s/partners/${r.partnerId}`}>{r.legalName}</AppLink>
                    <div className="muted">
                      {r.serviceCategories.map((c) => categoryLabel(t, c)).join(' · ')}
                    </div>
                  </th>
                  <td>{t(`targets.region.${r.region ?? 'none'}` as never)}</td>
                  <td>
                    {r.reasons === null
                      ? t('targets.notMeasured')
                      : r.reasons.length === 0
                        ? t('targets.partners.compliant')
                        : t('targets.partners.reasons', { count: r.reasons.length })}
                  </td>
                  <td>
                    {r.meanRating === null
                      ? '—'
                      : `${formatNumber(locale, r.meanRating, 2)} (${formatChange(locale, r.ratingChange)})`}
                  </td>
                  <td>{r.alertsDue > 0 ? formatShare(locale, r.share24h) : '—'}</td>
                  <td>{duration(r.medianMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
