import { courseAttachmentFile } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-attachment';

/** A course version's attachment, for its authors. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const file = await orRouteError(locale, () =>
    courseAttachmentFile(deps.db, actor, deps.storage, params.versionId, params.attachmentId),
  );
  return fileResponse(file);
}
