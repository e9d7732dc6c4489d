import { readTaskEvidence } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { fileResponse } from '../../lib/training/file-response.server';
import type { Route } from './+types/risk-incident-evidence';

/** An evidence file the partner uploaded for one of its own tasks; anything else is "not found". */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const file = await orRouteError(locale, () =>
    readTaskEvidence(deps.db, actor, deps.storage, params.evidenceId),
  );
  return fileResponse(file);
}
