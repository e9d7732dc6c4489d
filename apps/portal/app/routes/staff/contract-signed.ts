import { depsContext, localeContext } from '../../context';
import { signedContractResponse } from '../../lib/contracts/contract-files.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-signed';

/** The countersigned copy, checked against its SHA-256. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  return signedContractResponse(
    context.get(depsContext),
    person.actor,
    context.get(localeContext),
    params.contractId,
    request,
  );
}
