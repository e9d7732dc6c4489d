import { noticeAttachmentFile } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { fileResponse } from '../../lib/training/file-response.server';
import type { Route } from './+types/training-notice-attachment';

/** An attachment of a notice that reaches the reader (any other is "not found"). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const file = await orRouteError(locale, () =>
    noticeAttachmentFile(deps.db, actor, deps.storage, params.noticeId, params.attachmentId),
  );
  return fileResponse(file);
}
