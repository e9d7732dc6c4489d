import { depsContext, localeContext } from '../../context';
import { contractPdfResponse } from '../../lib/contracts/contract-files.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-pdf';

/** The approved contract as a PDF (?lang=zh-CN|en). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  return contractPdfResponse(
    context.get(depsContext),
    person.actor,
    context.get(localeContext),
    request,
    params.contractId,
  );
}
