import type { Person } from '@outpost/core';
import type { Session } from '@outpost/db';
import { redirect, type RouterContextProvider } from 'react-router';
import { localeContext, viewerContext } from '../context';
import { routeError } from './route-error';

/** The signed-in person behind a request, as resolved by the root middleware. */
export interface Viewer {
  person: Person;
  session: Session;
  /** Unread notifications when the request arrived, read with the session. */
  unread: number;
}

type ContextReader = Pick<RouterContextProvider, 'get'>;

/** The viewer, or a redirect to the sign-in page that brings them back here afterwards. */
export function requireViewer(context: ContextReader, request: Request): Viewer {
  const viewer = context.get(viewerContext);
  if (viewer) return viewer;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(back === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ redirectTo: back })}`);
}

/**
 * Staff pages are for the insurer's people and partner pages for partner users.
 * The wrong kind gets a 403 page (not a redirect) so a shared link explains itself.
 */
export function requireKind(context: ContextReader, request: Request, kind: 'staff' | 'partner'): Viewer {
  const viewer = requireViewer(context, request);
  if (viewer.person.user.kind !== kind) {
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  }
  return viewer;
}

/** Where a person lands after signing in, or at "/". */
export function homePath(viewer: Viewer | null): string {
  if (!viewer) return '/sign-in';
  return viewer.person.user.kind === 'staff' ? '/s' : '/p';
}
