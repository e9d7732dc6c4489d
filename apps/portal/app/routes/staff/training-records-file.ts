import { orRouteError } from '../../lib/app-error.server';
import { localeContext, depsContext } from '../../context';
import { routeError } from '../../lib/route-error';
import { trainingRecordsResponse } from '../../lib/training/roster-import.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/training-records-file';

/** A partner's training records for staff: ?partner=<id>&format=csv|xlsx|notices-csv[&person=<id>]. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  if (format !== 'csv' && format !== 'xlsx' && format !== 'notices-csv')
    throw routeError(locale, 400, 'errors.refused');
  return orRouteError(locale, () =>
    trainingRecordsResponse(context.get(depsContext).db, person.actor, locale, {
      format,
      partnerId: params.get('partner') ?? undefined,
      personId: params.get('person') ?? undefined,
    }),
  );
}
