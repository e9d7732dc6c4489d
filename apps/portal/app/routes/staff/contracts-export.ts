import { exportContractArchive } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { archiveFilters } from '../../lib/contracts/archive-view.server';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contracts-export';

/**
 * The archive list as a file: /s/contracts/export?format=csv|xlsx with the list's own filters;
 * every matching contract, headings in the reader's language (decision record 039). Audited in core.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  if (format !== 'csv' && format !== 'xlsx') throw routeError(locale, 400, 'errors.refused');
  const file = await orRouteError(locale, () =>
    exportContractArchive(context.get(depsContext).db, person.actor, archiveFilters(params), {
      format,
      locale,
    }),
  );
  return new Response(file.body as BodyInit, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
