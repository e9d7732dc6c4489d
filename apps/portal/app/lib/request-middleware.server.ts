import { isCrossSiteRequest, SESSION_COOKIE, sessionFromRequest } from '@outpost/auth';
import type { MiddlewareFunction } from 'react-router';
import { depsContext, localeContext, viewerContext } from '../context';
import { resolveLocale } from './locale.server';
import { routeError } from './route-error';

/**
 * Runs first for every portal request (the root route's middleware):
 * 1. refuses state-changing requests sent from another site (CSRF) before touching
 *    anything, answering with a translated 403 page;
 * 2. resolves the signed-in person from the session cookie;
 * 3. picks the page language (cookie → Accept-Language → zh-CN, never the saved preference);
 * and on the way back sends the refreshed session cookie (the session slides with
 * use) and keeps signed-in pages out of shared caches.
 */
export const requestMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (isCrossSiteRequest(request)) {
    throw routeError(resolveLocale(request), 403, 'errors.cross_site_request');
  }
  guardFormBody(request);
  const { db } = context.get(depsContext);
  const found = await sessionFromRequest(db, request);
  const viewer = found ? { person: found.person, session: found.session, unread: found.unread } : null;
  context.set(viewerContext, viewer);
  context.set(localeContext, resolveLocale(request));

  const response = await next();
  if (!found) return response;
  return withSessionHeaders(response, found.setCookie);
};

const formTypes = /^(multipart\/form-data\s*;.*boundary=|application\/x-www-form-urlencoded)/i;

/**
 * Every action reads its body with request.formData(). A post that is not a form (JSON,
 * a multipart body without a boundary, a truncated one) would make that throw a
 * TypeError and answer 500; here it becomes a translated 415 or 400 page instead, in
 * one place for every action.
 */
function guardFormBody(request: Request) {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  // A post without a body (a bare sign-out) is fine until an action tries to read a form from it.
  if (request.body !== null && !formTypes.test(request.headers.get('content-type') ?? '')) {
    throw routeError(resolveLocale(request), 415, 'api.errors.notAForm');
  }
  const read = request.formData.bind(request);
  Object.defineProperty(request, 'formData', {
    value: async () => {
      try {
        return await read();
      } catch {
        throw routeError(resolveLocale(request), 400, 'api.errors.badForm');
      }
    },
  });
}

function withSessionHeaders(response: Response, setCookie: string): Response {
  try {
    addSessionHeaders(response.headers, setCookie);
    return response;
  } catch {
    // Some responses (Response.redirect, cached ones) have immutable headers: copy, then change.
    const copy = new Response(response.body, response);
    addSessionHeaders(copy.headers, setCookie);
    return copy;
  }
}

function addSessionHeaders(headers: Headers, setCookie: string) {
  // Sign-in and sign-out set or clear the session cookie themselves; theirs wins.
  const setsSession = headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setsSession) headers.append('Set-Cookie', setCookie);
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
}
