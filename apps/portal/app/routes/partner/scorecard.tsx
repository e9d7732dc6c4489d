import { getScorecard } from '@outpost/core';
import { ScorecardView } from '../../components/performance/scorecard-view';
import { PeriodSwitcher } from '../../components/performance/period-switcher';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { periodLinks, periodParam } from '../../lib/performance/period';
import { forPage } from '../../lib/performance/scorecard-page';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/scorecard';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const period = periodParam(new URL(request.url).searchParams);
  // The partner id comes from the session, never the URL: a partner sees only its own scorecard.
  const scorecard = await orRouteError(locale, () =>
    getScorecard(deps.db, actor, { partnerId: actor.partnerId, period }),
  );
  return { scorecard: forPage(scorecard), links: periodLinks(period) };
}

/** The partner's own scorecard: how it performs against the insurer's KPIs, and the trend. */
export default function PartnerScorecard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { scorecard, links } = loaderData;
  return (
    <div className="page">
      <title>{`${t('performance.scorecard')} ${links.label} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{scorecard.partner.legalName}</p>
        <h1>{t('performance.scorecard')}</h1>
        <p className="muted">{t('performance.partnerIntro')}</p>
      </header>
      <PeriodSwitcher links={links} />
      <ScorecardView scorecard={scorecard} />
    </div>
  );
}
