/**
 * The client address for sign-in throttling. The portal sees only the Fetch Request
 * (not the socket), so it can use X-Forwarded-For only behind a trusted proxy
 * (TRUST_PROXY=1, as the API does). Without it the per-account limit still applies.
 */
export function clientIp(request: Request): string | null {
  if (process.env.TRUST_PROXY !== '1') return null;
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}
