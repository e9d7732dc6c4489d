/**
 * What packages/auth needs from the server's configuration (apps/server/src/config.ts, the one
 * validated place every setting is read). The server calls `configureAuth` once at start-up;
 * tests get the defaults below (the configuration's own defaults) or set their own.
 */
export interface AuthSettings {
  /** Sessions end after this long without use (SESSION_TTL_DAYS). */
  sessionInactivityMs: number;
  /** Reverse proxies in front of us (TRUST_PROXY): 0 means X-Forwarded-* headers are ignored. */
  trustProxyHops: number;
  /** HMAC key for device cookies (AUTH_SECRET, or a key kept in DATA_DIR); null: no device cookies. */
  deviceCookieKey: Uint8Array | null;
}

export const defaultAuthSettings: AuthSettings = {
  sessionInactivityMs: 10 * 24 * 3600 * 1000,
  trustProxyHops: 0,
  deviceCookieKey: null,
};

let current: AuthSettings = defaultAuthSettings;

export function configureAuth(settings: Partial<AuthSettings>): void {
  current = { ...current, ...settings };
}

export function authSettings(): AuthSettings {
  return current;
}
