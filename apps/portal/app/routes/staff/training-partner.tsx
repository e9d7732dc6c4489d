import { partnerTrainingDetail } from '@outpost/core';
import { Badge, EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { categoryLabel } from '../../components/partner-labels';
import { TableRegion } from '../../components/table-region';
import { ComplianceTrend } from '../../components/training/compliance-trend';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { formatHours, formatShare } from '../../lib/training/format';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/training-partner';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  return orRouteError(context.get(localeContext), () =>
    partnerTrainingDetail(context.get(depsContext).db, person.actor, params.partnerId),
  );
}

/** Staff: one partner's people — hours this year, on pace or behind, and what each is overdue on. */
export default function StaffTrainingPartner({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const view = loaderData;
  const name = view.partner.legalName;
  return (
    <div className="page">
      <title>{`${t('training-dashboard.partnerTitle', { name })} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/training">← {t('training-dashboard.back')}</AppLink>
      </p>
      <header className="page-header page-header--row">
        <div>
          <h1>{t('training-dashboard.partnerTitle', { name })}</h1>
          <p className="muted">{t('training-dashboard.partnerIntro', { year: view.year })}</p>
        </div>
        <AppLink to={`/s/scorecards/${view.partner.id}`} className="button">
          {t('training-dashboard.scorecard')}
        </AppLink>
      </header>
      <p className="figure">
        {t('training-dashboard.portfolioValue', {
          rate: formatShare(locale, view.summary.share),
          meeting: view.summary.meeting,
          people: view.summary.people,
        })}
      </p>
      <section aria-labelledby="partner-training-trend">
        <h2 id="partner-training-trend">{t('training-dashboard.trendTitle')}</h2>
        <ComplianceTrend trend={view.trend} />
      </section>
      {view.people.length === 0 ? (
        <EmptyState title={t('training-dashboard.noPeople')} />
      ) : (
        <TableRegion labelledBy="partner-training-caption">
          <table className="table">
            <caption id="partner-training-caption" className="visually-hidden">
              {t('training-dashboard.partnerTitle', { name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training-dashboard.person')}</th>
                <th scope="col">{t('training-dashboard.number')}</th>
                <th scope="col">{t('training-dashboard.category')}</th>
                <th scope="col">{t('training-dashboard.hours')}</th>
                <th scope="col">{t('training-dashboard.onPace')}</th>
                <th scope="col">{t('training-dashboard.overdueCourses')}</th>
              </tr>
            </thead>
            <tbody>
              {view.people.map((p) => (
                <tr key={p.personId}>
                  <th scope="row">{p.name}</th>
                  <td>{p.staffNumber}</td>
                  <td>{categoryLabel(t, p.serviceCategory)}</td>
                  <td>
                    {t('training.progressValue', {
                      done: formatHours(locale, p.doneMinutes),
                      required: formatHours(locale, p.requiredMinutes),
                    })}
                  </td>
                  <td>
                    {p.onPace ? (
                      <Badge tone="positive">✓ {t('training-dashboard.onPace')}</Badge>
                    ) : (
                      <Badge tone="caution">{t('training-dashboard.behind')}</Badge>
                    )}
                  </td>
                  <td>
                    {p.overdue.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="plain-list">
                        {p.overdue.map((o) => (
                          <li key={o.courseId}>
                            <Badge tone="negative">{t('training.status.overdue')}</Badge>{' '}
                            {t('training-dashboard.overdueCourse', {
                              title: locale === 'zh-CN' ? o.titleZh : o.titleEn,
                              date: o.dueDate,
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
