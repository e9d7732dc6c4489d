import { clearSessionCookie, invalidateSession } from '@outpost/auth';
import { redirect } from 'react-router';
import { depsContext, viewerContext } from '../context';
import type { Route } from './+types/sign-out';

/**
 * Signing out is a POST (a link or prefetch must never end a session). The session
 * row is deleted, not just the cookie, so a copied cookie stops working too.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const viewer = context.get(viewerContext);
  if (viewer) await invalidateSession(context.get(depsContext).db, viewer.person.actor, viewer.session.id);
  return redirect('/sign-in', { headers: { 'Set-Cookie': clearSessionCookie(request.url) } });
}

/** Someone who opens /sign-out directly is sent home rather than shown an empty page. */
export function loader() {
  throw redirect('/');
}
