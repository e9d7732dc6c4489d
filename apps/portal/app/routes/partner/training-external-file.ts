import { readExternalCertificate } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { fileResponse } from '../../lib/training/file-response.server';
import type { Route } from './+types/training-external-file';

/** The partner's own uploaded certificate (a member: their own only). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const file = await orRouteError(locale, () =>
    readExternalCertificate(deps.db, actor, deps.storage, params.certificateId),
  );
  return fileResponse(file);
}
