import { exportDoraRegister, exportEbaRegister } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/register-export';

/**
 * The register as a file (decision record 052): /s/register/export?format=csv|xlsx (the EBA
 * register fields) or format=dora (the DORA Register of Information zip), for the reference date
 * `asOf` (default today). Audited in core.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  const asOf = params.get('asOf') || undefined;
  const db = context.get(depsContext).db;
  if (format !== 'csv' && format !== 'xlsx' && format !== 'dora')
    throw routeError(locale, 400, 'errors.refused');
  const file = await orRouteError<{ body: Uint8Array | string; contentType: string; fileName: string }>(
    locale,
    () =>
      format === 'dora'
        ? exportDoraRegister(db, person.actor, asOf ? { asOf } : {})
        : exportEbaRegister(db, person.actor, { format, ...(asOf ? { asOf } : {}) }, locale),
  );
  return new Response(file.body as BodyInit, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}
