import type { partnerTrainingDetail } from '@outpost/core';
import { Badge, EmptyState } from '@outpost/ui';
import { categoryLabel } from '../partner-labels';
import { TableRegion } from '../table-region';
import { useLocale, useT } from '../../lib/i18n';
import { formatHours, formatShare } from '../../lib/training/format';
import { ComplianceTrend } from './compliance-trend';
import { ConfirmationRate } from './confirmation-rate';

type Detail = Awaited<ReturnType<typeof partnerTrainingDetail>>;

/**
 * One partner's training compliance: the share on pace, the monthly trend and each person's hours
 * and overdue courses. Staff see it for any partner, a partner administrator for their own.
 */
export function PeopleCompliance({ view }: { view: Detail }) {
  const t = useT();
  const locale = useLocale();
  const name = view.partner.legalName;
  return (
    <>
      <p className="figure">
        {t('training-dashboard.portfolioValue', {
          rate: formatShare(locale, view.summary.share),
          meeting: view.summary.meeting,
          people: view.summary.people,
        })}
      </p>
      <p>
        {t('training-notices.rate.label')}: <ConfirmationRate figure={view.confirmation} />
      </p>
      <p className="muted">{t('training-notices.rate.rule')}</p>
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
                    {p.overdue.length === 0 && p.overdueNotices.length === 0 ? (
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
                        {p.overdueNotices.map((o) => (
                          <li key={o.noticeId}>
                            <Badge tone="negative">{t('training.status.overdue')}</Badge>{' '}
                            {t('training-notices.overdueNotice', {
                              title: locale === 'zh-CN' ? o.titleZh : o.titleEn,
                              date: o.confirmBy,
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
    </>
  );
}
