import type { apiKeyScopes, staffKeyScopes } from '@outpost/db';

/**
 * Which credentials an operation accepts, declared once per route and published as the
 * OpenAPI `security` of the operation. The same declaration words the 401 (what to send)
 * and refuses an API key on an endpoint meant for people (see requireActor).
 *
 * - `apiKey`: `Authorization: Bearer opk_<id>_<secret>`; the scopes listed are the key
 *   purposes that reach the endpoint (any one of them is enough).
 * - `session`: the `outpost_session` cookie set by signing in (POST /v1/sessions or the portal).
 */
export type ApiKeyScope = (typeof apiKeyScopes)[number];
export type Security = Record<string, string[]>[];

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opk_<id>_<secret>',
    description:
      'An API key, shown once when created. Send `Authorization: Bearer opk_<id>_<secret>`. A partner key (a partner administrator creates it under API keys in the portal) has the purposes (scopes) `documents`, `events`, `training`; a staff key for the insurer’s own systems (an administrator creates it under Settings → Staff API keys) has the read-only scopes `allocations:read` (incentive allocation tables) and `register:read` (the outsourcing register). A key reaches only the operations that list one of its scopes; the others answer 403 forbidden.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'outpost_session',
    description:
      'The session cookie of a signed-in person, set by POST /v1/sessions (or by signing in to the portal).',
  },
} as const;

/** People only: a signed-in session. */
export const sessionOnly: { security: Security } = { security: [{ session: [] }] };
/** A session, or an API key with one of these purposes. */
export const keyOrSession = (...scopes: ApiKeyScope[]): { security: Security } => ({
  security: [{ apiKey: scopes }, { session: [] }],
});
/**
 * A session, or a staff key with one of these purposes (decision record 059): a partner's key,
 * which never has a staff scope, is refused with 403 forbidden before the route runs.
 */
export const staffKeyOrSession = (...scopes: (typeof staffKeyScopes)[number][]): { security: Security } => ({
  security: [{ apiKey: scopes }, { session: [] }],
});
/** No credentials (signing in, invitation links, the documentation). */
export const open: { security: Security } = { security: [] };

export type Credential = 'apiKey' | 'session';

export const acceptedBy = (security: Security | undefined): Credential[] =>
  (security ?? []).flatMap((requirement) => Object.keys(requirement) as Credential[]);

/** The sentence a 401 carries: what this endpoint accepts and how to send it. */
export function credentialsHint(accepts: Credential[], scopes: string[] = []): string {
  const key =
    scopes.length > 0
      ? `Authorization: Bearer <API key> (a key with the purpose ${scopes.map((s) => `"${s}"`).join(' or ')})`
      : 'Authorization: Bearer <API key>';
  if (accepts.includes('apiKey') && accepts.includes('session'))
    return `Send ${key}, or sign in (POST /api/v1/sessions) and send the session cookie.`;
  if (accepts.includes('apiKey')) return `Send ${key}.`;
  return 'Sign in first (POST /api/v1/sessions) and send the session cookie; this endpoint does not accept API keys.';
}
