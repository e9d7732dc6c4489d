import { CLIENT_IP_HEADER } from '@outpost/auth';

/**
 * The client address for sign-in throttling. The portal sees only the Fetch Request, not
 * the socket: our server passes the socket address in CLIENT_IP_HEADER (overwriting
 * anything a client sent). Behind a reverse proxy (TRUST_PROXY=1) the first
 * X-Forwarded-For entry is the client, as in the API.
 */
export function clientIp(request: Request): string | null {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get(CLIENT_IP_HEADER) || null;
}
