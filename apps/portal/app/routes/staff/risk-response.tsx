import { recentQuarters, riskResponseDashboard } from '@outpost/core';
import { Form } from 'react-router';
import { useLocale, useT } from '../../lib/i18n';
import { ResponseTrend } from '../../components/risk/response-trend';
import { LevelBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { formatShare } from '../../lib/training/format';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-response';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  // A hand-edited quarter that is not offered falls back to the last 12 months, never an error page.
  const asked = new URL(request.url).searchParams.get('quarter') ?? '';
  const db = context.get(depsContext).db;
  const choices = recentQuarters();
  return orRouteError(locale, () =>
    riskResponseDashboard(db, person.actor, choices.includes(asked) ? { quarter: asked } : {}),
  );
}

/** Minutes as "45 min" or "3.5 h". */
function useDuration() {
  const t = useT();
  const locale = useLocale();
  return (minutes: number | null) => {
    if (minutes === null) return t('risk-response.none');
    if (minutes < 60) return t('risk-response.minutes', { minutes: Math.round(minutes) });
    const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60);
    return t('risk-response.hours', { hours });
  };
}

/**
 * Response to risk alerts over the last 12 months: per level, the share answered within the
 * deadline and within 24 h and the median time, a chart per level and the months in a table.
 */
export default function RiskResponse({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const duration = useDuration();
  const { levels, total, months, quarter, quarters } = loaderData;
  const share = (s: number | null) => formatShare(locale, s);
  return (
    <div className="page">
      <title>{`${t('risk-response.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
        <h1>{t('risk-response.title')}</h1>
        <p className="muted">{t('risk-response.intro')}</p>
        <p>{t('risk-response.target')}</p>
      </header>

      <Form method="get" className="filters" aria-label={t('risk-response.period')}>
        <div className="ui-field">
          <label htmlFor="risk-response-quarter">{t('risk-response.period')}</label>
          <select id="risk-response-quarter" name="quarter" defaultValue={quarter ?? ''}>
            <option value="">{t('risk-response.total')}</option>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('risk-response.show')}
        </button>
      </Form>

      <section className="card stack" aria-labelledby="risk-response-total">
        <h2 id="risk-response-total">{quarter ?? t('risk-response.total')}</h2>
        <dl className="risk-response__figures">
          <div>
            <dt>{t('risk-response.withinDeadline')}</dt>
            <dd data-testid="response-total-share">{share(total.share)}</dd>
          </div>
          <div>
            <dt>{t('risk-response.within24h')}</dt>
            <dd>{share(total.share24h)}</dd>
          </div>
          <div>
            <dt>{t('risk-response.median')}</dt>
            <dd>{duration(total.medianMinutes)}</dd>
          </div>
          <div>
            <dt>{t('risk-response.due')}</dt>
            <dd>{total.due}</dd>
          </div>
          <div>
            <dt>{t('risk-response.pending')}</dt>
            <dd>{total.pending}</dd>
          </div>
        </dl>
      </section>

      {total.due + total.pending === 0 ? <p className="muted">{t('risk-response.empty')}</p> : null}

      {levels.map((l) => (
        <section key={l.level} className="card stack" aria-labelledby={`risk-response-${l.level}`}>
          <h2 id={`risk-response-${l.level}`}>
            <LevelBadge level={l.level} />{' '}
            <span>
              {t('risk-response.withinDeadline')}
              {t('common.colon')}
              {share(l.total.share)} · {t('risk-response.median')}
              {t('common.colon')}
              {duration(l.total.medianMinutes)}
            </span>
          </h2>
          <ResponseTrend level={l.level} months={l.months} />
          <TableRegion labelledBy={`risk-response-${l.level}-caption`}>
            <table className="table">
              <caption id={`risk-response-${l.level}-caption`}>
                {t('risk-response.chartTitle')} · {t(`risk.level.${l.level}`)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('risk-response.month')}</th>
                  <th scope="col">{t('risk-response.withinDeadline')}</th>
                  <th scope="col">{t('risk-response.within24h')}</th>
                  <th scope="col">{t('risk-response.median')}</th>
                  <th scope="col">{t('risk-response.due')}</th>
                  <th scope="col">{t('risk-response.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {l.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{share(m.share)}</td>
                    <td>{share(m.share24h)}</td>
                    <td>{duration(m.medianMinutes)}</td>
                    <td>{m.due}</td>
                    <td>{m.pending}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ))}
      <p className="muted">{months.length > 0 ? `${months[0]} – ${months.at(-1)}` : ''}</p>
    </div>
  );
}
