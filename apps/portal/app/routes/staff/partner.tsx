import { getPartner } from '@outpost/core';
import { Link } from 'react-router';
import { PartnerCard } from '../../components/partner-card';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/partner';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const partner = await orRouteError(context.get(localeContext), () =>
    getPartner(context.get(depsContext).db, person.actor, params.partnerId),
  );
  return {
    partner: {
      legalName: partner.legalName,
      creditCode: partner.creditCode,
      status: partner.status,
      serviceCategories: partner.serviceCategories,
      criticality: partner.criticality,
    },
  };
}

/** One partner as staff see it (notifications link here). Admission, contracts and scores come later. */
export default function StaffPartner({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <title>{`${loaderData.partner.legalName} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <Link to="/s">{t('staff.partners')}</Link>
      </nav>
      <PartnerCard partner={loaderData.partner} headingLevel={1} />
    </div>
  );
}
