import { readTaskEvidence } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-incident-evidence';

/** A remediation evidence file, for staff. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const deps = context.get(depsContext);
  const file = await orRouteError(locale, () =>
    readTaskEvidence(deps.db, person.actor, deps.storage, params.evidenceId),
  );
  return fileResponse(file);
}
