import { courseAttachmentFile } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { fileResponse } from '../../lib/training/file-response.server';
import type { Route } from './+types/training-attachment';

/** An attachment of a course assigned to the learner (any other is "not found"). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const file = await orRouteError(locale, () =>
    courseAttachmentFile(deps.db, actor, deps.storage, params.versionId, params.attachmentId),
  );
  return fileResponse(file);
}
