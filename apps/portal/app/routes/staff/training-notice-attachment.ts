import { noticeAttachmentFile } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { fileResponse } from '../../lib/training/file-response.server';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-notice-attachment';

/** A notice's attachment, for staff who manage training. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const file = await orRouteError(locale, () =>
    noticeAttachmentFile(deps.db, actor, deps.storage, params.noticeId, params.attachmentId),
  );
  return fileResponse(file);
}
