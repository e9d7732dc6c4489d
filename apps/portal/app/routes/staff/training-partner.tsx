import { partnerTrainingDetail } from '@outpost/core';
import { AppLink } from '../../components/app-link';
import { PeopleCompliance } from '../../components/training/people-compliance';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
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
      <PeopleCompliance view={view} />
    </div>
  );
}
