import { readExternalCertificate } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-external-file';

/** The uploaded certificate file, for the staff reviewing it. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const file = await orRouteError(locale, () =>
    readExternalCertificate(deps.db, actor, deps.storage, params.certificateId),
  );
  return fileResponse(file);
}
