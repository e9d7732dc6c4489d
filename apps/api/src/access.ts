import type { apiKeyScopes } from '@outpost/db';

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
      'A partner API key, created by a partner administrator under API keys in the portal and shown once. Send `Authorization: Bearer opk_<id>_<secret>`. Each key has purposes (scopes): `documents`, `events`, `training`.',
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
