import { clientAddress } from '@outpost/auth';

/**
 * The client's address for throttling: the socket address (Hono's node adapter exposes it as
 * env.incoming), or behind TRUST_PROXY proxies the rightmost X-Forwarded-For hop they did not
 * write (packages/auth/src/client-address.ts, the one place that rule lives).
 */
export function clientIp(request: Request, env: unknown): string | null {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return clientAddress(request.headers.get('x-forwarded-for'), incoming?.socket?.remoteAddress);
}
