import { readRiskAlertEvidence } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { fileResponse } from '../../lib/training/file-response.server';
import type { Route } from './+types/risk-alert-evidence';

/** An evidence file of one of the partner's shared alerts (another partner's: "not found"). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const file = await orRouteError(locale, async () => {
    const found = await readRiskAlertEvidence(deps.db, actor, deps.storage, params.evidenceId);
    return found;
  });
  return fileResponse(file);
}
