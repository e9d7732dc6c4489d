import { exportAuditLog } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { auditFiltersOf } from '../../lib/audit/filters';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/audit-export';

/** The current search of the audit log as CSV (every matching entry, not one page); audited in core. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const filters = auditFiltersOf(new URL(request.url).searchParams);
  const file = await orRouteError(locale, () =>
    exportAuditLog(context.get(depsContext).db, person.actor, filters, { locale }),
  );
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
