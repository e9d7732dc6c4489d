import { can, listEmergencyPlans } from '@outpost/core';
import { EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-plans';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const plans = await orRouteError(locale, () =>
    listEmergencyPlans(context.get(depsContext).db, person.actor),
  );
  return {
    mayManage: can(person.actor, 'manage:risk-incidents'),
    plans: plans.map((p) => ({
      id: p.id,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      scenario: p.scenario,
      serviceCategories: p.serviceCategories,
      version: p.version,
      active: p.active,
    })),
  };
}

/** Emergency plans: templates of steps per kind of incident, in both languages. */
export default function RiskPlans({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { plans, mayManage } = loaderData;
  return (
    <div className="page">
      <title>{`${t('risk.plans.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
          <h1>{t('risk.plans.title')}</h1>
          <p className="muted">{t('risk.plans.intro')}</p>
        </div>
        {mayManage ? (
          <AppLink to="/s/risk/plans/new" className="button button--primary">
            {t('risk.plans.new')}
          </AppLink>
        ) : null}
      </header>
      {plans.length === 0 ? (
        <EmptyState title={t('risk.plans.empty')} />
      ) : (
        <TableRegion labelledBy="risk-plans-caption">
          <table className="table">
            <caption id="risk-plans-caption" className="visually-hidden">
              {t('risk.plans.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('risk.plans.col.title')}</th>
                <th scope="col">{t('risk.plans.col.scenario')}</th>
                <th scope="col">{t('risk.plans.col.categories')}</th>
                <th scope="col">{t('risk.plans.col.version')}</th>
                <th scope="col">{t('risk.plans.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <AppLink to={`/s/risk/plans/${p.id}`}>{locale === 'en' ? p.titleEn : p.titleZh}</AppLink>
                  </th>
                  <td>{t(`risk.scenario.${p.scenario}`)}</td>
                  <td>
                    {p.serviceCategories.length
                      ? p.serviceCategories.map((c) => t(`category.${c}`)).join(', ')
                      : t('risk.plans.allCategories')}
                  </td>
                  <td>{p.version}</td>
                  <td>{p.active ? t('risk.plans.active') : t('risk.plans.retired')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
