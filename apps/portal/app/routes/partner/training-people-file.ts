import { can } from '@outpost/core';
import { orRouteError } from '../../lib/app-error.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { routeError } from '../../lib/route-error';
import { rosterTemplateResponse, trainingRecordsResponse } from '../../lib/training/roster-import.server';
import type { Route } from './+types/training-people-file';

/**
 * The roster page's downloads, for its administrator: ?template=csv (the import template in the
 * reader's language) or ?records=csv|xlsx|notices-csv[&person=<id>] (the partner's own training records).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  if (!can(actor, 'manage:training-roster:own')) throw routeError(locale, 403, 'errors.forbidden');
  const params = new URL(request.url).searchParams;
  if (params.get('template') === 'csv') return rosterTemplateResponse(locale);
  const format = params.get('records');
  if (format === 'csv' || format === 'xlsx' || format === 'notices-csv') {
    return orRouteError(locale, () =>
      trainingRecordsResponse(deps.db, actor, locale, {
        format,
        personId: params.get('person') ?? undefined,
      }),
    );
  }
  throw routeError(locale, 400, 'errors.refused');
}
