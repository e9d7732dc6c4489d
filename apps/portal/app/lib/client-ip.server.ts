import { CLIENT_IP_HEADER } from '@outpost/auth';

/**
 * The client address for sign-in throttling. The portal sees only the Fetch Request, not
 * the socket: our server works the address out (socket, or behind TRUST_PROXY the rightmost
 * untrusted X-Forwarded-For hop — packages/auth/src/client-address.ts) and passes it in
 * CLIENT_IP_HEADER, overwriting anything a client sent.
 */
export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER) || null;
}
