import { getPartner } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { Outlet } from 'react-router';
import { areaGuard } from '../../lib/area-guard.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/layout';

/** The partner portal is for partner users; staff get a 403 page. */
export const middleware: Route.MiddlewareFunction[] = [areaGuard('partner')];

/** A suspended partner sees why and since when on every page, not only a status word. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const partner = await getPartner(deps.db, actor, actor.partnerId);
  return {
    suspension:
      partner.status === 'suspended'
        ? {
            reason: partner.suspensionReason,
            since: partner.suspendedAt ? formatDateTime(locale, partner.suspendedAt) : null,
          }
        : null,
  };
}

export default function PartnerLayout({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { suspension } = loaderData;
  return (
    <>
      {suspension ? (
        <div className="page partner-suspension" data-testid="partner-suspension">
          <Alert tone="error" title={t('partner-status.banner.title')}>
            {suspension.since ? <p>{t('partner-status.banner.since', { date: suspension.since })}</p> : null}
            {suspension.reason ? (
              <p>{t('partner-status.banner.reason', { reason: suspension.reason })}</p>
            ) : null}
            <p>{t('partner-status.banner.help')}</p>
          </Alert>
        </div>
      ) : null}
      <Outlet />
    </>
  );
}
