import { isCrossSiteRequest, sessionFromRequest } from '@outpost/auth';
import { AppError, authenticateApiKey } from '@outpost/core';
import type { Database } from '@outpost/db';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../context.ts';

/**
 * Resolves the caller: a partner system by its API key (Authorization: Bearer opk_…),
 * or a person by the session cookie. Cookie-authenticated requests that a browser sent
 * from another site are refused before anything runs.
 */
export const authenticate = (db: Database) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization) {
      const [scheme, key] = authorization.split(' ');
      const actor = scheme?.toLowerCase() === 'bearer' && key ? await authenticateApiKey(db, key) : null;
      if (!actor) {
        throw new AppError('unauthenticated', 'The API key is not valid or has been revoked.', {
          details: { hint: 'Send Authorization: Bearer opk_<id>_<secret> with a live key.' },
        });
      }
      c.set('actor', actor);
      await next();
      return;
    }
    if (isCrossSiteRequest(c.req.raw)) {
      throw new AppError('cross_site_request', 'Cross-site requests that change data are refused.');
    }
    const found = await sessionFromRequest(db, c.req.raw);
    if (found) {
      c.set('person', found.person);
      c.set('session', found.session);
      c.set('actor', found.person.actor);
      c.header('Set-Cookie', found.setCookie, { append: true });
    }
    await next();
  });

/** The acting identity, or a 401 telling the caller to sign in. */
export function requireActor(c: { get(key: 'actor'): ApiEnv['Variables']['actor'] }) {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Sign in first: this endpoint needs a session.');
  return actor;
}
