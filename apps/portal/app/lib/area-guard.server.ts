import type { MiddlewareFunction } from 'react-router';
import { requireKind } from './viewer.server';

/**
 * Guards an area of the portal (/s for staff, /p for partner users): the area layout's
 * middleware refuses the wrong kind of person's form posts before any action runs.
 *
 * Page views are refused by each page's own loader, which asks for its kind of viewer
 * (requireStaff, requirePartner) before it loads anything — so no data of the area is ever
 * loaded for the wrong person, and the 403 page keeps the signed-in header (the root loader
 * has run; a middleware refusal would come before every loader and lose it). Every page of
 * both areas is checked for this by test/e2e/access-control.test.ts.
 */
export function areaGuard(kind: 'staff' | 'partner'): MiddlewareFunction<Response> {
  return ({ context, request }) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') requireKind(context, request, kind);
  };
}
