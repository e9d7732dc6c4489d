import { contractVersionDiff } from '@outpost/core';
import { VersionDiff } from '../../components/contracts/version-diff';
import { orRouteError } from '../../lib/app-error.server';
import { diffView } from '../../lib/contracts/archive-view.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { routeError } from '../../lib/route-error';
import type { Route } from './+types/contract-version';

/** A partner reads what changed in a version it was asked to sign (core hides the others: "not found"). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const version = /^\d{1,6}$/.test(params.version) ? Number(params.version) : Number.NaN;
  if (!Number.isInteger(version)) throw routeError(locale, 404, 'errors.not_found');
  const diff = await orRouteError(locale, () =>
    contractVersionDiff(deps.db, actor, params.contractId, version),
  );
  return { contractId: params.contractId, diff: diffView(locale, diff) };
}

export default function PartnerContractVersion({ loaderData }: Route.ComponentProps) {
  return <VersionDiff diff={loaderData.diff} back={`/p/contracts/${loaderData.contractId}`} />;
}
