import { can, listRequirements } from '@outpost/core';
import { Badge, EmptyState } from '@outpost/ui';

import { categoryLabel } from '../../components/partner-labels';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirementName } from '../../lib/staff/format';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/requirements';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const rows = await orRouteError(locale, () => listRequirements(context.get(depsContext).db, person.actor));
  return {
    requirements: rows.map((r) => ({
      key: r.key,
      name: requirementName(locale, r),
      otherName: locale === 'en' ? r.nameZh : r.nameEn,
      serviceCategories: r.serviceCategories,
      expires: r.expires,
      validityMonths: r.validityMonths,
      mandatory: r.mandatory,
      active: r.active,
      sortOrder: r.sortOrder,
    })),
    may: { manage: can(person.actor, 'manage:requirements') },
  };
}

/** The catalogue of qualification documents (资质) each service category must provide. */
export default function StaffRequirements({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { requirements, may } = loaderData;
  return (
    <div className="page">
      <title>{`${t('staff-portal.catalogue.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('staff-portal.catalogue.title')}</h1>
          <p className="muted">{t('staff-portal.catalogue.intro')}</p>
        </div>
        {may.manage ? (
          <div className="staff-actions">
            <AppLink className="button button--primary" to="/s/requirements/new">
              {t('staff-portal.catalogue.new')}
            </AppLink>
            <AppLink className="button" to="/s/settings">
              {t('staff-portal.settings.title')}
            </AppLink>
          </div>
        ) : null}
      </header>
      {requirements.length === 0 ? (
        <EmptyState title={t('staff-portal.catalogue.empty')} />
      ) : (
        <TableRegion labelledBy="catalogue-caption">
          <table className="table">
            <caption id="catalogue-caption" className="visually-hidden">
              {t('staff-portal.catalogue.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff-portal.catalogue.name')}</th>
                <th scope="col">{t('partner.categories')}</th>
                <th scope="col">{t('staff-portal.catalogue.validity')}</th>
                <th scope="col">{t('staff-portal.catalogue.mandatory')}</th>
                <th scope="col">{t('partner.status')}</th>
                <th scope="col">{t('staff-portal.catalogue.order')}</th>
              </tr>
            </thead>
            <tbody>
              {requirements.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {may.manage ? <AppLink to={`/s/requirements/${r.key}`}>{r.name}</AppLink> : r.name}
                    <div className="muted">{r.otherName}</div>
                    <div className="muted mono">{r.key}</div>
                  </th>
                  <td>
                    {r.serviceCategories.length
                      ? r.serviceCategories.map((c) => categoryLabel(t, c)).join(', ')
                      : t('staff-portal.catalogue.allCategories')}
                  </td>
                  <td>
                    {r.expires && r.validityMonths
                      ? t('staff-portal.catalogue.months', { count: r.validityMonths })
                      : t('staff-portal.catalogue.noExpiry')}
                  </td>
                  <td>{r.mandatory ? t('staff-portal.catalogue.yes') : t('staff-portal.catalogue.no')}</td>
                  <td>
                    <Badge tone={r.active ? 'positive' : 'neutral'}>
                      {r.active ? t('staff-portal.catalogue.active') : t('staff-portal.catalogue.inactive')}
                    </Badge>
                  </td>
                  <td>{r.sortOrder}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
