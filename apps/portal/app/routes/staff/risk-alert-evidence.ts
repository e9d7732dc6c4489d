import { readRiskAlertEvidence } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-alert-evidence';

/** An evidence file the partner attached to an alert, for staff who read risk. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const deps = context.get(depsContext);
  const file = await orRouteError(locale, () =>
    readRiskAlertEvidence(deps.db, person.actor, deps.storage, params.evidenceId),
  );
  return fileResponse(file);
}
