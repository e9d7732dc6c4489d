import { partnerTrainingDetail } from '@outpost/core';
import { AppLink } from '../../components/app-link';
import { PeopleCompliance } from '../../components/training/people-compliance';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/training-compliance';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Core lets a partner administrator read their own partner only (a member is refused).
  return orRouteError(locale, () => partnerTrainingDetail(deps.db, actor, actor.partnerId));
}

/** A partner administrator: their own people's hours, who is behind and who is overdue. */
export default function PartnerTrainingCompliance({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-dashboard.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training">← {t('training.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training.nav')}</p>
        <h1>{t('training-dashboard.title')}</h1>
        <p className="muted">{t('training-dashboard.partnerIntro', { year: view.year })}</p>
      </header>
      <PeopleCompliance view={view} />
    </div>
  );
}
