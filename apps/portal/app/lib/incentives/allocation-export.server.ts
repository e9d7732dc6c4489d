import { exportAllocation } from '@outpost/core';
import { type Locale, translate } from '@outpost/i18n';
import type { RouterContextProvider } from 'react-router';
import { depsContext } from '../../context';
import { orRouteError } from '../app-error.server';
import { routeError } from '../route-error';

/** The allocation table as a CSV/XLSX download, headings in the reader's language (staff or partner). */
export async function allocationFile(
  context: Pick<RouterContextProvider, 'get'>,
  request: Request,
  actor: Parameters<typeof exportAllocation>[1],
  locale: Locale,
) {
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  if (format !== 'csv' && format !== 'xlsx') throw routeError(locale, 400, 'errors.refused');
  const headers = (['partnerId', 'partner', 'percent', 'basisPoints', 'priority'] as const).map((h) =>
    translate(locale, `incentives.allocation.header.${h}`),
  );
  const file = await orRouteError(locale, () =>
    exportAllocation(context.get(depsContext).db, actor, {
      serviceCategory: params.get('category') ?? '',
      quarter: params.get('quarter') ?? '',
      format,
      headers,
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
