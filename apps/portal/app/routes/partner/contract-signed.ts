import { signedContractResponse } from '../../lib/contracts/contract-files.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/contract-signed';

/** The partner's own countersigned copy, checked against its SHA-256. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return signedContractResponse(deps, actor, locale, params.contractId, request);
}
