import { AppError, assertCleanInput } from '@outpost/core';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../context.ts';

/**
 * Refuses what no field may hold (NUL, unpaired surrogates, oversized or over-deep
 * structures; see core's input-guard) in the path and the query before any route runs.
 * Bodies are checked once the route's validator has parsed them (the `defaultHook` in
 * app.ts): reading a body here would run before the routes that set their own body limits.
 */
export const inputGuard = createMiddleware<ApiEnv>(async (c, next) => {
  let path: string;
  try {
    path = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    throw new AppError('bad_request', 'The path is not valid percent-encoded UTF-8.', {
      details: { fields: [{ path: 'path', message: 'Encode the path as UTF-8.' }] },
    });
  }
  assertCleanInput({ path, query: c.req.queries() });
  await next();
});
