import { contractVersionDiff } from '@outpost/core';
import { VersionDiff } from '../../components/contracts/version-diff';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { diffView } from '../../lib/contracts/archive-view.server';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-version';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const version = /^\d{1,6}$/.test(params.version) ? Number(params.version) : Number.NaN;
  if (!Number.isInteger(version)) throw routeError(locale, 404, 'errors.not_found');
  const diff = await orRouteError(locale, () =>
    contractVersionDiff(context.get(depsContext).db, person.actor, params.contractId, version),
  );
  return { contractId: params.contractId, diff: diffView(locale, diff) };
}

/** What changed in one version of a contract, for staff (review comments and votes are on the contract page). */
export default function StaffContractVersion({ loaderData }: Route.ComponentProps) {
  return <VersionDiff diff={loaderData.diff} back={`/s/contracts/${loaderData.contractId}`} />;
}
