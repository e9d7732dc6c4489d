import { cachedTargetDashboard, can, partnerSorts, recentQuarters } from '@outpost/core';
import { formatDateTime, formatNumber } from '@outpost/i18n';
import { Form, useSearchParams } from 'react-router';
import { PageLinks } from '../../components/page-links';
import { categoryLabel } from '../../components/partner-labels';
import { InputField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { NonCompliantList } from '../../components/targets/non-compliant-list';
import { TargetPartnerTable } from '../../components/targets/partner-table';
import { formatChange, TargetCard, useShare } from '../../components/targets/target-card';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { saveSatisfactionBaselineAction } from '../../lib/targets/baseline-action.server';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/targets';

const categories = [
  'agency',
  'sales_channel',
  'claims',
  'loss_adjusting',
  'underwriting',
  'customer_service',
  'it',
];
/** Rows of the partner table per page, and partners shown in the drill-down before "see all". */
const PAGE_SIZE = 25;
const DRILL_DOWN = 10;
const regions = ['north', 'northeast', 'east', 'central', 'south', 'southwest', 'northwest'];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // Hand-edited values that are not offered fall back to the defaults, never an error page.
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const v = params.get(name) ?? '';
    return (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const quarter = pick('quarter', recentQuarters());
  const input = {
    ...(quarter ? { quarter } : {}),
    ...(pick('category', categories) ? { serviceCategory: pick('category', categories) as never } : {}),
    ...(pick('region', regions) ? { region: pick('region', regions) as never } : {}),
    ...(pick('sort', partnerSorts) ? { sort: pick('sort', partnerSorts) } : {}),
    ...(pick('dir', ['asc', 'desc'] as const) ? { dir: pick('dir', ['asc', 'desc'] as const) } : {}),
  };
  const db = context.get(depsContext).db;
  const dashboard = await orRouteError(locale, () =>
    cachedTargetDashboard(db, person.actor, {
      ...input,
      page: pageParam(params),
      pageSize: PAGE_SIZE,
      drillDown: DRILL_DOWN,
    }),
  );
  return {
    ...dashboard,
    pages: pageCount(dashboard.partnerTotal, PAGE_SIZE),
    categories,
    regions,
    maySetBaseline: can(person.actor, 'manage:kpis'),
    computedAtText: formatDateTime(locale, new Date(dashboard.computedAt)),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { baseline: saveSatisfactionBaselineAction });
}

/** Minutes as "45 min" or "3.5 h". */
function useDuration() {
  const t = useT();
  const locale = useLocale();
  return (minutes: number | null) => {
    if (minutes === null) return '—';
    if (minutes < 60) return t('targets.minutes', { minutes: Math.round(minutes) });
    return t('targets.hours', {
      hours: formatNumber(locale, minutes / 60, 1),
    });
  };
}

/**
 * The quarterly target dashboard (issue 16, decision record 046): the four targets with their
 * definitions, values, targets and 8-quarter trends; the partners behind the compliance figure;
 * filters by category and region; a sortable partner table; the satisfaction baseline.
 */
export default function Targets({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const share = useShare();
  const duration = useDuration();
  const d = loaderData;
  const [params] = useSearchParams();
  const result = actionData as StaffActionData | undefined;
  const baselineErrors = fieldErrorsOf(result, 'baseline');
  const query = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    p.set('quarter', d.quarter);
    if (d.filters.serviceCategory) p.set('category', d.filters.serviceCategory);
    if (d.filters.region) p.set('region', d.filters.region);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/s/targets?${p.toString()}`;
  };
  const rating = (r: number | null) => (r === null ? '—' : formatNumber(locale, r, 2));
  const c = d.current;
  return (
    <div className="page">
      <title>{`${t('targets.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('targets.eyebrow')}</p>
        <h1>{t('targets.title')}</h1>
        <p className="muted">{t('targets.intro')}</p>
        <p className="muted">{t('targets.computedAt', { when: d.computedAtText })}</p>
      </header>

      <Form method="get" className="filters" aria-label={t('targets.quarter')}>
        <div className="ui-field">
          <label htmlFor="targets-quarter">{t('targets.quarter')}</label>
          <select id="targets-quarter" name="quarter" defaultValue={d.quarter}>
            {d.quarters.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="targets-category">{t('targets.category')}</label>
          <select id="targets-category" name="category" defaultValue={d.filters.serviceCategory ?? ''}>
            <option value="">{t('targets.all')}</option>
            {d.categories.map((cat) => (
              <option key={cat} value={cat}>
                {categoryLabel(t, cat)}
              </option>
            ))}
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="targets-region">{t('targets.region')}</label>
          <select id="targets-region" name="region" defaultValue={d.filters.region ?? ''}>
            <option value="">{t('targets.all')}</option>
            {d.regions.map((r) => (
              <option key={r} value={r}>
                {t(`targets.region.${r}` as never)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('targets.show')}
        </button>
      </Form>

      <TargetCard
        testId="compliance"
        name={t('targets.compliance.name')}
        value={share(c.compliance.value)}
        met={c.compliance.met}
        running={c.compliance.running}
        goal={t('targets.compliance.goal')}
        definition={t('targets.compliance.definition')}
        detail={
          c.compliance.partners > 0
            ? t('targets.compliance.detail', {
                compliant: c.compliance.compliant,
                partners: c.compliance.partners,
              })
            : null
        }
        drillHref="#non-compliant"
        trend={d.trend.compliance.map((q) => ({ quarter: q.quarter, share: q.value, running: q.running }))}
        caption={t('targets.chartCaption')}
      />
      <TargetCard
        testId="contract-deviation"
        name={t('targets.contract_deviation.name')}
        value={share(c.contract_deviation.value)}
        met={c.contract_deviation.met}
        running={c.contract_deviation.running}
        goal={t('targets.contract_deviation.goal')}
        definition={t('targets.contract_deviation.definition')}
        trend={d.trend.contract_deviation.map((q) => ({
          quarter: q.quarter,
          share: q.value,
          running: q.running,
        }))}
        caption={t('targets.chartCaption')}
      />
      <TargetCard
        testId="satisfaction"
        name={t('targets.satisfaction.name')}
        value={c.satisfaction.value === null ? null : formatChange(locale, c.satisfaction.value)}
        met={c.satisfaction.met}
        running={c.satisfaction.running}
        goal={t('targets.satisfaction.goal')}
        definition={t('targets.satisfaction.definition')}
        detail={
          c.satisfaction.meanRating !== null
            ? t('targets.satisfaction.detail', {
                rating: rating(c.satisfaction.meanRating),
                count: c.satisfaction.ratings,
              })
            : null
        }
        drillHref={query({ sort: 'satisfaction', dir: 'asc' })}
        trend={d.trend.satisfaction.map((q) => ({
          quarter: q.quarter,
          share: q.meanRating === null ? null : q.meanRating / 5,
          running: q.running,
        }))}
        caption={t('targets.chartCaptionSatisfaction')}
      >
        <p className="muted">
          {d.baseline
            ? t('targets.satisfaction.baseline', {
                quarter: d.baseline,
                rating: rating(d.baselineMeanRating),
              })
            : t('targets.satisfaction.noBaseline')}
        </p>
        {d.maySetBaseline ? (
          <Form method="post" className="stack" aria-label={t('targets.baseline.title')}>
            <input type="hidden" name="intent" value="baseline" />
            <FormOutcome result={result} intent="baseline" />
            <InputField
              name="quarter"
              label={t('targets.baseline.label')}
              hint={t('targets.baseline.hint')}
              defaultValue={d.baseline ?? ''}
              maxLength={7}
              error={baselineErrors.quarter}
            />
            <button type="submit" className="button">
              {t('targets.baseline.save')}
            </button>
          </Form>
        ) : null}
      </TargetCard>
      <TargetCard
        testId="risk-response"
        name={t('targets.risk_response.name')}
        value={share(c.risk_response.value)}
        met={c.risk_response.met}
        running={c.risk_response.running}
        goal={t('targets.risk_response.goal')}
        definition={t('targets.risk_response.definition')}
        detail={
          c.risk_response.due > 0
            ? t('targets.risk_response.detail', {
                due: c.risk_response.due,
                median: duration(c.risk_response.medianMinutes),
              })
            : null
        }
        drillHref={query({ sort: 'risk_response', dir: 'asc' })}
        trend={d.trend.risk_response.map((q) => ({ quarter: q.quarter, share: q.value, running: q.running }))}
        caption={t('targets.chartCaption')}
      />

      <NonCompliantList
        quarter={d.quarter}
        measured={c.compliance.partners > 0}
        items={d.nonCompliant}
        total={d.nonCompliantTotal}
        allHref={`${query({ sort: 'compliance', dir: 'asc' })}#target-partners-title`}
      />
      <TargetPartnerTable
        quarter={d.quarter}
        rows={d.partners}
        sort={d.sort}
        dir={d.dir}
        hrefFor={(sort, dir) => `${query({ sort, dir })}#target-partners-title`}
        duration={duration}
        total={d.partnerTotal}
      />
      <PageLinks page={d.page} pages={d.pages} params={params} hash="#target-partners-title" />
    </div>
  );
}
