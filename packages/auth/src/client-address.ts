import { authSettings } from './settings.ts';

/**
 * The client's address, worked out once per request by the server (apps/server/src/web.ts)
 * and handed to the API and the portal in CLIENT_IP_HEADER.
 *
 * Without a trusted proxy it is the socket's address. Behind `trustProxyHops` proxies
 * (TRUST_PROXY) each proxy appends the address it saw to X-Forwarded-For, so the client is
 * the rightmost entry no trusted proxy wrote: counted from the right, hop number
 * `trustProxyHops`. Entries further left were written by the client itself and are ignored —
 * taking the leftmost would let anyone pick the address the throttle counts.
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  socketAddress: string | null | undefined,
  hops = authSettings().trustProxyHops,
): string | null {
  if (hops > 0 && forwardedFor) {
    const entries = forwardedFor
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const client = entries[Math.max(0, entries.length - hops)];
    if (client) return client.slice(0, 100);
  }
  return socketAddress ?? null;
}

/**
 * The scheme and host the browser used: the request's own, or — only behind a trusted
 * proxy — what the proxy says in X-Forwarded-Proto / X-Forwarded-Host (the last value: the
 * one our nearest proxy set).
 */
export function publicOrigin(
  request: Request,
  hops = authSettings().trustProxyHops,
): { protocol: string; host: string } {
  const url = new URL(request.url);
  const lastOf = (name: string) => request.headers.get(name)?.split(',').at(-1)?.trim() || null;
  const forwardedProto = hops > 0 ? lastOf('x-forwarded-proto') : null;
  const forwardedHost = hops > 0 ? lastOf('x-forwarded-host') : null;
  return {
    protocol: forwardedProto ? `${forwardedProto.toLowerCase()}:` : url.protocol,
    host: (forwardedHost ?? request.headers.get('host') ?? url.host).toLowerCase(),
  };
}
