import { getPartner, latestRecognition, listIncentiveRecords, listSharedRiskAlerts } from '@outpost/core';
import { RecognitionCard } from '../../components/incentives/recognition-card';
import { SharedAlertsCard } from '../../components/risk/shared-alerts-card';
import { HomeCards } from '../../components/partner/home-cards';
import { NextSteps } from '../../components/work-queue/next-steps';
import { PartnerCard } from '../../components/partner-card';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { loadHomeSummary } from '../../lib/partner/home.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/home';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'partner');
  if (person.actor.type !== 'partner') throw new Error('partner user without a partner actor');
  const { actor } = person;
  const partner = await orRouteError(context.get(localeContext), () =>
    getPartner(context.get(depsContext).db, actor, actor.partnerId),
  );
  const summary = await loadHomeSummary(context.get(depsContext).db, actor, context.get(localeContext));
  // Alerts the insurer shared and that are still open (decision record 036); members read them too.
  const sharedAlerts = (await listSharedRiskAlerts(context.get(depsContext).db, actor, { status: 'live' }))
    .total;
  // Recognition from the partner's latest applied tier (decision record 048).
  // The header has no room for another link: the home leads to the records when there are any.
  const recognition = await latestRecognition(context.get(depsContext).db, actor);
  const incentiveRecords = (await listIncentiveRecords(context.get(depsContext).db, actor)).length;
  return {
    summary,
    sharedAlerts,
    recognition,
    incentiveRecords,
    name: person.user.displayName,
    role: actor.role,
    // Only what the page shows: the row also holds internal assessment fields.
    partner: {
      legalName: partner.legalName,
      creditCode: partner.creditCode,
      status: partner.status,
      serviceCategories: partner.serviceCategories,
      criticality: partner.criticality,
    },
  };
}

/**
 * The partner's home: what to do next (documents, application, reviews, rectification),
 * who they are in our register, and where their admission stands.
 */
export default function PartnerHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <title>{`${t('partner.homeTitle')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('partner.welcome', { name: loaderData.name })}</h1>
        <p className="muted">{t(`role.${loaderData.role}`)}</p>
      </header>
      <NextSteps steps={loaderData.summary.steps} />
      <SharedAlertsCard count={loaderData.sharedAlerts} />
      <RecognitionCard recognition={loaderData.recognition} records={loaderData.incentiveRecords} />
      <PartnerCard partner={loaderData.partner} />
      <HomeCards summary={loaderData.summary} />
    </div>
  );
}
