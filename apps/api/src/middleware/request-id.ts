import { currentRequestId, requestIdFrom } from '@outpost/log';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../context.ts';

/**
 * Every response carries X-Request-Id (the caller's, if sane, else a new one), and so does every
 * error body. Under the server the id was already chosen for the whole request (web.ts, which
 * also logs it); used alone (tests), the API chooses it here.
 */
export const requestId = createMiddleware<ApiEnv>(async (c, next) => {
  const id = currentRequestId() ?? requestIdFrom(c.req.header('x-request-id'));
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
});
