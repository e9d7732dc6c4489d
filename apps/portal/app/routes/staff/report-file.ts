import { managementReportFile } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/report-file';

/** /s/reports/:reportId/:locale/:format — one kept file, checked against its SHA-256; audited in core. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const deps = context.get(depsContext);
  const file = await orRouteError(context.get(localeContext), () =>
    managementReportFile(deps.db, person.actor, deps.storage, {
      reportId: params.reportId,
      locale: params.locale,
      format: params.format,
    }),
  );
  return fileResponse(file);
}
