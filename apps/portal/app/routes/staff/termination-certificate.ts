import { readTerminationCertificate } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/termination-certificate';

/** A partner's data-return or destruction certificate, for staff to verify (decision record 049). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const deps = context.get(depsContext);
  const file = await orRouteError(locale, () =>
    readTerminationCertificate(deps.db, person.actor, deps.storage, {
      caseId: params.caseId,
      taskId: params.taskId,
    }),
  );
  return fileResponse(file);
}
