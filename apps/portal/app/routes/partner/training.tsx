import { Badge, type BadgeTone, EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { HoursBar } from '../../components/training/hours-bar';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { loadMyTraining } from '../../lib/training/training-view.server';
import type { Route } from './+types/training';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return {
    ...(await loadMyTraining(deps.db, actor, locale)),
    canManageRoster: actor.role === 'partner_admin',
  };
}

const statusTone: Record<string, BadgeTone> = {
  passed: 'positive',
  overdue: 'negative',
  no_attempts_left: 'caution',
  to_do: 'info',
};

/** A partner member's training: progress bars for the year's hours, then the assigned courses. */
export default function PartnerTraining({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('training.title')}</h1>
        <p className="muted">{t('training.intro')}</p>
        {view.canManageRoster ? (
          <p>
            <AppLink to="/p/training/people">{t('training.roster.title')}</AppLink>
            {' · '}
            <AppLink to="/p/training/compliance">{t('training-dashboard.title')}</AppLink>
          </p>
        ) : null}
        <p>
          <AppLink to="/p/training/external">{t('training-staff.mine.link')}</AppLink>
          {' · '}
          <AppLink to="/p/training/notices">{t('training-notices.partner.title')}</AppLink>
        </p>
      </header>
      {!view.onRoster ? (
        <EmptyState title={t('training.notOnRoster')} />
      ) : (
        <>
          <section className="card stack" aria-labelledby="hours-heading">
            <h2 id="hours-heading">{t('training.progressTitle', { year: view.year })}</h2>
            {view.progress && view.progress.total.required > 0 ? (
              <>
                <HoursBar
                  label={t('training.progressTotal')}
                  done={view.progress.total.done}
                  required={view.progress.total.required}
                />
                {view.progress.categories
                  .filter((c) => c.required > 0)
                  .map((c) => (
                    <HoursBar
                      key={c.category}
                      label={t(`training.category.${c.category}` as 'training.category.law_ethics')}
                      done={c.done}
                      required={c.required}
                    />
                  ))}
              </>
            ) : (
              <p className="muted">{t('training.progressNone')}</p>
            )}
          </section>
          <section className="stack" aria-labelledby="courses-heading">
            <h2 id="courses-heading">{t('training.coursesTitle')}</h2>
            {view.courses.length === 0 ? (
              <EmptyState title={t('training.coursesNone')} />
            ) : (
              <ul className="review-cards">
                {view.courses.map((c) => (
                  <li key={c.courseId} className="card review-card">
                    <h3 className="review-card__title">
                      <AppLink to={`/p/training/${c.courseId}`}>{c.title}</AppLink>
                    </h3>
                    <p className="review-card__badges">
                      <Badge tone={statusTone[c.status] ?? 'neutral'}>
                        {t(`training.status.${c.status}` as 'training.status.passed')}
                      </Badge>{' '}
                      <Badge>{t(`training.category.${c.category}` as 'training.category.law_ethics')}</Badge>
                    </p>
                    <p className="muted">
                      {t('training.credit', { hours: c.hours })} ·{' '}
                      {c.completedOn
                        ? t('training.passedOn', { date: c.completedOn })
                        : `${t('training.due', { date: c.due })} · ${t('training.attempts', { used: c.attemptsUsed, limit: c.attemptLimit })}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
