import { can, eventsBehind, getScorecard } from '@outpost/core';
import { EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { EventsTable } from '../../components/performance/events-table';
import { PeriodSwitcher } from '../../components/performance/period-switcher';
import { ScorecardView } from '../../components/performance/scorecard-view';
import { PageLinks } from '../../components/page-links';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { kpiName } from '../../lib/performance/format';
import { periodLinks, periodParam } from '../../lib/performance/period';
import { forPage } from '../../lib/performance/scorecard-page';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/scorecard';
import { AppLink } from '../../components/app-link';

const EVENTS_PAGE_SIZE = 50;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const search = new URL(request.url).searchParams;
  const period = periodParam(search);
  const db = context.get(depsContext).db;
  const locale = context.get(localeContext);
  const scorecard = await orRouteError(locale, () =>
    getScorecard(db, person.actor, { partnerId: params.partnerId, period }),
  );
  const kpi = scorecard.kpis.find((k) => k.key === search.get('kpi')) ?? null;
  const events = kpi
    ? await orRouteError(locale, () =>
        eventsBehind(db, person.actor, {
          partnerId: params.partnerId,
          kpiKey: kpi.key,
          period,
          page: pageParam(search),
          pageSize: EVENTS_PAGE_SIZE,
        }),
      )
    : null;
  return {
    scorecard: forPage(scorecard),
    links: periodLinks(period),
    canImport: can(person.actor, 'ingest:events:any'),
    kpi: kpi ? { key: kpi.key, nameZh: kpi.nameZh, nameEn: kpi.nameEn } : null,
    events: events ? { ...events, pages: pageCount(events.total, EVENTS_PAGE_SIZE) } : null,
  };
}

/** One partner's scorecard as staff see it, with each KPI drilling down to the events behind it. */
export default function StaffScorecard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { scorecard, links, kpi, events } = loaderData;
  const drillHref = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('period', links.label);
    next.set('kpi', key);
    next.delete('page');
    return `?${next}#events`;
  };
  return (
    <div className="page">
      <title>{`${scorecard.partner.legalName} · ${t('performance.scorecard')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={`/s/scorecards?period=${links.label}`}>{t('performance.ranking.title')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('performance.scorecard')}</p>
        <h1>{scorecard.partner.legalName}</h1>
        <p>
          <AppLink to={`/s/partners/${scorecard.partner.id}`}>{t('performance.partnerRecord')}</AppLink>
          {loaderData.canImport ? (
            <>
              {' · '}
              <AppLink to={`/s/import?partner=${scorecard.partner.id}`}>
                {t('performance.importLink')}
              </AppLink>
            </>
          ) : null}
        </p>
      </header>
      <PeriodSwitcher links={links} />
      <ScorecardView scorecard={scorecard} drillHref={drillHref} currentKpi={kpi?.key ?? null} />
      {kpi && events ? (
        <section className="card stack" id="events" aria-labelledby="events-heading">
          <h2 id="events-heading">
            {t('performance.drill.title', { kpi: kpiName(locale, kpi), period: links.label })}
          </h2>
          <p className="muted" role="status">
            {t('performance.drill.count', { count: events.total })}
          </p>
          {events.items.length === 0 ? (
            <EmptyState title={t('performance.drill.empty')} />
          ) : (
            <EventsTable
              items={events.items}
              caption={t('performance.drill.title', { kpi: kpiName(locale, kpi), period: links.label })}
            />
          )}
          <PageLinks page={events.page} pages={events.pages} params={params} hash="#events" />
        </section>
      ) : null}
    </div>
  );
}
