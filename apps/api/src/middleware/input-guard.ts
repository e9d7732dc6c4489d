import { AppError, assertCleanInput } from '@outpost/core';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { ApiEnv } from '../context.ts';

/**
 * Refuses what no field may hold (NUL, unpaired surrogates, oversized or over-deep
 * structures; see core's input-guard) in the path and the query before any route runs.
 * JSON bodies are checked by `jsonBodyGuard` below, form fields once the route's validator
 * has parsed them (the `defaultHook` in app.ts).
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

const jsonType = /^application\/([\w.-]+\+)?json$/i;

/**
 * Guards a JSON body before any schema sees it: zod walks a 200,000-item array item by item and
 * overflows the stack collecting its issues, so the size and depth limits must come first. The
 * parsed body stays in Hono's body cache, so the route's validator does not parse it again.
 * Runs after the body limit that applies to the route (app.ts for most, the route itself for
 * the few with a larger one), so reading the body here never reads more than allowed.
 */
export const jsonBodyGuard = createMiddleware<ApiEnv>(async (c, next) => {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && jsonType.test(mediaType)) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      // The same answer the validator gives (errors.ts maps it to `invalid_json`).
      throw new HTTPException(400, { message: 'Malformed JSON in request body' });
    }
    assertCleanInput(body);
  }
  await next();
});
