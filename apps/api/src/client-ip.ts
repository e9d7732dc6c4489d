/**
 * The client's address for throttling. Behind a proxy set TRUST_PROXY=1 so the first
 * X-Forwarded-For entry is used; otherwise the socket address (Hono's node adapter
 * exposes it as env.incoming).
 */
export function clientIp(request: Request, env: unknown): string | null {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
