import { publicOrigin } from './client-address.ts';

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers
 * send Sec-Fetch-Site (and Origin) with every non-GET request; clients that send
 * neither (curl, partner systems with API keys) cannot ride a victim's cookie.
 *
 * Both signals must agree: a `same-origin` Sec-Fetch-Site does not excuse a foreign
 * Origin. The Origin must match scheme, host and port exactly — `https://` of our host
 * is another origin on an http site — and X-Forwarded-Host/-Proto count only behind a
 * trusted proxy (TRUST_PROXY).
 */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteRequest(request: Request): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return false;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  try {
    const theirs = new URL(origin);
    const ours = publicOrigin(request);
    return theirs.protocol !== ours.protocol || theirs.host !== ours.host;
  } catch {
    return true;
  }
}
