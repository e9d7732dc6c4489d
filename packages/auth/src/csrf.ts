/**
 * Refuses state-changing requests that a browser sent from another site. Browsers
 * send Sec-Fetch-Site (and Origin) with every non-GET request; clients that send
 * neither (curl, partner systems with API keys) cannot ride a victim's cookie.
 */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteRequest(request: Request): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
