import type { MiddlewareFunction } from 'react-router';
import { requireKind } from './viewer.server';

/**
 * Guards an area of the portal (/s for staff, /p for partner users) in two places:
 *
 * - the area's middleware refuses form posts before any action runs;
 * - the area's loader refuses page views. It is a loader, not middleware, so the
 *   root loader has still run and the 403 page keeps the signed-in header
 *   (a middleware refusal happens before every loader and would lose it).
 *
 * Each page loader in the area also asks for its kind of viewer, so no data of the
 * area is ever loaded for the wrong person either.
 */
export function areaGuard(kind: 'staff' | 'partner') {
  const middleware: MiddlewareFunction<Response> = ({ context, request }) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') requireKind(context, request, kind);
  };
  const loader = ({ context, request }: { context: Parameters<typeof requireKind>[0]; request: Request }) => {
    requireKind(context, request, kind);
    return null;
  };
  return { middleware, loader };
}
