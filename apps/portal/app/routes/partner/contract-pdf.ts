import { contractPdfResponse } from '../../lib/contracts/contract-files.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/contract-pdf';

/** The partner's own approved contract as a PDF (?lang=zh-CN|en); another partner's is "not found". */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return contractPdfResponse(deps, actor, locale, request, params.contractId);
}
