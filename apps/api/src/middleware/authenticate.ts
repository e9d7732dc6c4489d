import {
  type ApiRateLimit,
  enforceApiRateLimit,
  isCrossSiteRequest,
  mfaRequirement,
  sessionFromRequest,
} from '@outpost/auth';
import { type Actor, AppError, authenticateApiKey } from '@outpost/core';
import { type Database, staffKeyScopes } from '@outpost/db';
import { createMiddleware } from 'hono/factory';
import { acceptedBy, credentialsHint } from '../access.ts';
import type { ApiEnv } from '../context.ts';
import { matchRoute, type RouteEntry, routeAt } from '../route-table.ts';

/**
 * Resolves the caller: a partner system by its API key (Authorization: Bearer opk_…),
 * or a person by the session cookie. Cookie-authenticated requests that a browser sent
 * from another site are refused before anything runs. Each API key and each session is
 * rate-limited (packages/auth/src/rate-limit.ts).
 */
export const authenticate = (db: Database, rateLimit?: ApiRateLimit) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization) {
      const [scheme, key] = authorization.split(' ');
      const actor = scheme?.toLowerCase() === 'bearer' && key ? await authenticateApiKey(db, key) : null;
      if (!actor) {
        throw new AppError('unauthenticated', 'The API key is not valid or has been revoked.', {
          details: {
            hint: 'Send Authorization: Bearer opk_<id>_<secret> with a live key (partner administrators create keys under API keys in the portal).',
          },
        });
      }
      c.set('actor', actor);
      if (actor.type === 'api_key') await enforceApiRateLimit(db, { apiKeyId: actor.keyId }, rateLimit);
    } else {
      if (isCrossSiteRequest(c.req.raw)) {
        throw new AppError('cross_site_request', 'Cross-site requests that change data are refused.');
      }
      const found = await sessionFromRequest(db, c.req.raw);
      if (found) {
        c.set('person', found.person);
        c.set('session', found.session);
        c.set('actor', found.person.actor);
        c.header('Set-Cookie', found.setCookie, { append: true });
        await enforceApiRateLimit(db, { sessionId: found.session.id }, rateLimit);
        if (!isSignOut(c.req.method, c.req.path)) await requireSecondFactorSetUp(db, found.person.actor);
      }
    }
    // Before the route validates anything: a caller without the right credentials learns what
    // to send, not which fields are wrong.
    const route = matchRoute(c.get('routeTable'), c.req.method, c.req.path.slice(c.get('apiBase').length));
    if (route?.security && route.security.length > 0) checkCredentials(c.get('actor'), route);
    await next();
  });

const isSignOut = (method: string, path: string) =>
  method === 'DELETE' && path.endsWith('/v1/sessions/current');

/**
 * A member of staff whose role requires two-step sign-in and who has not set it up yet uses
 * nothing through the API but signing out, as the portal sends them to the setup from every page
 * (decision record 043): the API has no setup of its own, and a password alone must not open
 * what the administrator decided needs two factors.
 */
async function requireSecondFactorSetUp(db: Database, actor: Actor) {
  const { required, enabled } = await mfaRequirement(db, actor);
  if (!required || enabled) return;
  throw new AppError(
    'forbidden',
    'Your role requires two-step sign-in: set up an authenticator in the portal (Account → Two-step sign-in, /account/mfa), then sign in again with its code.',
    {
      messageKey: 'errors.mfaSetupRequired',
      details: { secondFactor: 'setup_required', setupPath: '/account/mfa' },
    },
  );
}

/** 401 naming what the route accepts (both kinds when it declares nothing). */
function missingCredentials(route: RouteEntry | undefined) {
  const accepts = route?.security ? acceptedBy(route.security) : (['apiKey', 'session'] as const);
  const scopes = route?.security?.flatMap((r) => r.apiKey ?? []) ?? [];
  const hint = credentialsHint([...accepts], scopes);
  return new AppError('unauthenticated', hint, {
    details: { accepts, ...(scopes.length > 0 ? { apiKeyScopes: scopes } : {}), hint },
  });
}

type ActorContext = {
  get<K extends keyof ApiEnv['Variables']>(key: K): ApiEnv['Variables'][K];
  req: { method: string; routePath: string };
};

/**
 * The acting identity. Without one, a 401 saying what this endpoint accepts (an API key,
 * a session or both, from the route's declared security); with an API key on an endpoint
 * meant for people, a 403 saying so.
 */
export function requireActor(c: ActorContext) {
  const actor = c.get('actor');
  const route = routeAt(
    c.get('routeTable') ?? [],
    c.req.method === 'HEAD' ? 'GET' : c.req.method,
    c.req.routePath.slice((c.get('apiBase') ?? '').length),
  );
  return checkCredentials(actor, route);
}

function checkCredentials(actor: Actor | undefined, route: RouteEntry | undefined): Actor {
  if (!actor) throw missingCredentials(route);
  const accepts = route?.security ? acceptedBy(route.security) : ['apiKey', 'session'];
  const isKey = actor.type === 'api_key' || actor.type === 'staff_api_key';
  if (isKey && !accepts.includes('apiKey')) {
    throw new AppError('forbidden', 'This endpoint does not accept API keys: sign in and use a session.', {
      messageKey: 'errors.forbidden',
      details: { accepts },
    });
  }
  if (isKey) checkKeyScopes(actor, route);
  return actor;
}

/**
 * Staff keys and partner keys reach different operations (decision record 059): a staff key only
 * those that list one of its scopes; a partner key never those that list only staff scopes.
 * Partner keys on partner operations keep core's per-permission answer.
 */
function checkKeyScopes(actor: Actor & { type: 'api_key' | 'staff_api_key' }, route: RouteEntry | undefined) {
  const routeScopes = route?.security?.flatMap((r) => r.apiKey ?? []) ?? [];
  const staffOnly = routeScopes.length > 0 && routeScopes.every((s) => isStaffScope(s));
  if (actor.type === 'api_key' && staffOnly) {
    throw new AppError(
      'forbidden',
      `This endpoint takes a staff API key (purpose ${routeScopes.map((s) => `"${s}"`).join(' or ')}) or a staff session; a partner's API key cannot read it.`,
      {
        messageKey: 'errors.forbidden',
        details: { accepts: ['staffApiKey', 'session'], apiKeyScopes: routeScopes },
      },
    );
  }
  if (actor.type === 'staff_api_key' && !routeScopes.some((s) => actor.scopes.includes(s))) {
    throw new AppError(
      'forbidden',
      routeScopes.length > 0
        ? `This API key lacks the purpose ${routeScopes.map((s) => `"${s}"`).join(' or ')} this endpoint needs.`
        : 'A staff API key reads only the operations that list its purpose; this one is for partner keys or people.',
      { messageKey: 'errors.forbidden', details: { apiKeyScopes: routeScopes, keyScopes: actor.scopes } },
    );
  }
}

const isStaffScope = (scope: string) => (staffKeyScopes as readonly string[]).includes(scope);
