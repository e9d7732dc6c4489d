import { EmptyState } from '@outpost/ui';
import { Link } from 'react-router';
import { useLocale, useT } from '../../lib/i18n';
import { formatKpiValue, formatScore, kpiName } from '../../lib/performance/format';
import type { ScorecardPageData } from '../../lib/performance/scorecard-page';
import { categoryLabel } from '../partner-labels';
import { KpiStatusBadge } from './kpi-status';
import { TrendChart } from './trend-chart';

/**
 * One partner's scorecard, as the partner and staff both see it: overall score and grade,
 * percentile among peers (never who), each KPI against target and thresholds, the trend.
 * Staff pass `drillHref` to link each KPI to the events behind its number.
 */
export function ScorecardView({
  scorecard,
  drillHref,
  currentKpi,
}: {
  scorecard: ScorecardPageData;
  drillHref?: (kpiKey: string) => string;
  currentKpi?: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const hasData =
    scorecard.kpis.some((k) => k.sampleSize > 0) || scorecard.trend.some((p) => p.score !== null);
  if (!hasData) {
    return (
      <EmptyState title={t('performance.empty.title')}>
        <p>{t('performance.empty.body')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack scorecard">
      <section className="card scorecard__summary" aria-labelledby="score-heading">
        <h2 id="score-heading">
          {t('performance.overall')}
          {scorecard.provisional ? (
            <>
              {' '}
              <span className="provisional-badge">{t('performance.provisional.inProgress')}</span>
            </>
          ) : null}
        </h2>
        <p className="scorecard__score">
          <span className="scorecard__number">{formatScore(locale, scorecard.score)}</span>
          <span className="muted"> / 100</span>
          {scorecard.grade ? (
            <>
              <span className={`scorecard__grade scorecard__grade--${scorecard.grade}`}>
                {t('scorecard.grade', { grade: scorecard.grade })}
              </span>
              {scorecard.provisional ? (
                <span className="provisional-mark">{t('performance.provisional.grade')}</span>
              ) : null}
            </>
          ) : (
            <span className="muted"> {t('performance.noScore')}</span>
          )}
        </p>
        {scorecard.provisional ? (
          <p className="provisional-note">{t('performance.provisional.note')}</p>
        ) : null}
        <ul className="scorecard__peers">
          {scorecard.peers.map((p) => (
            <li key={p.category}>
              {p.percentile === null
                ? t('performance.peers.none', { category: categoryLabel(t, p.category) })
                : t('scorecard.percentile', {
                    percentile: p.percentile,
                    count: p.peerCount,
                    category: categoryLabel(t, p.category),
                  })}
            </li>
          ))}
        </ul>
        <p className="muted">{t('performance.peers.anonymous')}</p>
      </section>

      <section className="card" aria-labelledby="kpi-heading">
        <h2 id="kpi-heading">{t('performance.kpis')}</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it. */}
        <div className="table-scroll" role="region" aria-labelledby="kpi-heading" tabIndex={0}>
          <table className="table kpi-table">
            <thead>
              <tr>
                <th scope="col">{t('performance.kpi')}</th>
                <th scope="col">{t('performance.value')}</th>
                <th scope="col">{t('performance.status')}</th>
                <th scope="col">{t('performance.target')}</th>
                <th scope="col">{t('performance.warning')}</th>
                <th scope="col">{t('performance.critical')}</th>
                <th scope="col">{t('performance.weight')}</th>
                <th scope="col">{t('performance.kpiScore')}</th>
                {drillHref ? <th scope="col">{t('performance.events')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {scorecard.kpis.map((k) => (
                <tr key={k.key} aria-current={currentKpi === k.key ? 'true' : undefined}>
                  <th scope="row">
                    {kpiName(locale, k)}
                    <span className="kpi-table__hint">{t(`kpi_direction.${k.direction}`)}</span>
                  </th>
                  <td>{formatKpiValue(locale, t, k.value, k.unit)}</td>
                  <td>
                    <KpiStatusBadge status={k.status} />
                  </td>
                  <td>{formatKpiValue(locale, t, k.target, k.unit)}</td>
                  <td>{formatKpiValue(locale, t, k.warningThreshold, k.unit)}</td>
                  <td>{formatKpiValue(locale, t, k.criticalThreshold, k.unit)}</td>
                  <td>{k.weight}</td>
                  <td>{formatScore(locale, k.score)}</td>
                  {drillHref ? (
                    <td>
                      <Link
                        to={drillHref(k.key)}
                        aria-label={t('performance.drill', { kpi: kpiName(locale, k) })}
                      >
                        {t('performance.drillShort')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t('performance.trend.title')}</h2>
        <TrendChart trend={scorecard.trend} />
      </section>
    </div>
  );
}
