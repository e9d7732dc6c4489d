import { loggerFor, requestIdFrom, withRequestId } from '@outpost/log';
import { createMiddleware } from 'hono/factory';
import type { Metrics } from './metrics.ts';

const log = loggerFor('http');

/**
 * First in front of every route of the web app (decision record 044): chooses the request id
 * (the caller's X-Request-Id when sane, else a new one), answers with it, runs the request in
 * its context — so the API, Slack, the portal, their log lines and the outbox rows they enqueue
 * all carry it — and afterwards writes one access line and times the request for /metrics.
 *
 * The line holds the method, the route pattern (`/api/v1/partners/:id`, never the raw path with
 * its ids and query), status, duration and request id; never headers, cookies or bodies.
 */
export function observeRequests(metrics: Metrics | null) {
  return createMiddleware(async (c, next) => {
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    const started = performance.now();
    let failed = false;
    try {
      await withRequestId(requestId, () => next());
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const status = failed ? 500 : c.res.status;
      // The API names the route it matched (apps/api app.ts); elsewhere Hono's matched pattern.
      const route = (c.get('routePattern') as string | undefined) ?? routeOf(c.req.routePath, c.req.path);
      try {
        c.res.headers.set('X-Request-Id', requestId);
      } catch {
        // A response with immutable headers (a proxied fetch) goes out without it.
      }
      metrics?.observeRequest({ method: c.req.method, route, status }, seconds);
      const line = {
        requestId,
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
      };
      // A 5xx's cause is logged where it happened, at error; the access line only flags it.
      if (status >= 500) log.warn(line, 'request');
      else log.info(line, 'request');
    }
  });
}

/**
 * The pattern of the route that answered. The portal's pages all answer through one catch-all
 * (React Router matches inside it): they are reported as `portal`, their assets as `/assets/*`.
 */
function routeOf(routePath: string, path: string): string {
  if (routePath === '/*' || routePath === '*') return path.startsWith('/assets/') ? '/assets/*' : 'portal';
  return routePath;
}
