/** The session cookie: HttpOnly, SameSite=Lax, Secure except on plain-http localhost. */
export const SESSION_COOKIE = 'outpost_session';
export const LOCALE_COOKIE = 'outpost_lang';

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function isInsecureLocalhost(requestUrl: string): boolean {
  const url = new URL(requestUrl);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function serializeCookie(
  name: string,
  value: string,
  options: { requestUrl: string; maxAgeSeconds?: number; httpOnly?: boolean },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (!isInsecureLocalhost(options.requestUrl)) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined)
    parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join('; ');
}

export const sessionCookie = (token: string, requestUrl: string, expiresAt: Date) =>
  serializeCookie(SESSION_COOKIE, token, {
    requestUrl,
    maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000,
  });

export const clearSessionCookie = (requestUrl: string) =>
  serializeCookie(SESSION_COOKIE, '', { requestUrl, maxAgeSeconds: 0 });

/**
 * The client's socket address, set by our own server on every request it hands to the
 * portal (after removing any value the client sent), so the portal's sign-in throttle
 * can count per IP without seeing the socket.
 */
export const CLIENT_IP_HEADER = 'x-outpost-client-ip';
