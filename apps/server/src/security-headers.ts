import { randomBytes } from 'node:crypto';
import { publicOrigin } from '@outpost/auth';
import { createMiddleware } from 'hono/factory';

/** The request header that hands the portal this response's CSP nonce (set only by us). */
export const CSP_NONCE_HEADER = 'x-outpost-csp-nonce';

type Env = { Variables: { cspNonce: string; securityHeadersApplied: boolean } };

/**
 * The page policy. Scripts run only from our origin or with this response's nonce (React
 * Router's inline context and hydration scripts get it through <ServerRouter nonce>), styles
 * only from our stylesheet. In development Vite injects its own inline scripts and styles, so
 * neither is nonce-bound there.
 */
export function pageCsp(nonce: string, development = false): string {
  const script = development ? "'self' 'unsafe-inline' 'unsafe-eval'" : `'self' 'nonce-${nonce}'`;
  const style = development ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    `script-src ${script}`,
    `style-src ${style}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Anything that is not a page (JSON, text, files without their own policy) may load nothing. */
const resourceCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The one place response security headers are set, for every response of the server (pages,
 * API, docs, Slack, assets, errors). A response that brings its own (an inline document preview
 * that our pages may frame: apps/api/src/attachment.ts) keeps its values; everything else gets:
 * nosniff, no framing, a CSP (pages with a per-request script nonce), Referrer-Policy, HSTS when
 * the browser came over HTTPS (directly, or through a TRUST_PROXY proxy's X-Forwarded-Proto),
 * and `Cache-Control: no-store` on JSON unless the route chose otherwise. A 413 also closes the
 * connection: the body we refused is still arriving, and the socket cannot serve another request.
 */
export function securityHeaders(options: { development?: boolean } = {}) {
  return createMiddleware<Env>(async (c, next) => {
    if (c.get('securityHeadersApplied')) return next();
    c.set('securityHeadersApplied', true);
    c.set('cspNonce', randomBytes(16).toString('base64'));
    await next();
    let headers = c.res.headers;
    try {
      headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      // Immutable headers (Response.redirect, a fetched response): copy, then change.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.set('X-Content-Type-Options', 'nosniff');
    }
    const type = headers.get('content-type') ?? '';
    const isPage = /^text\/html/i.test(type);
    if (!headers.has('Content-Security-Policy')) {
      headers.set(
        'Content-Security-Policy',
        isPage ? pageCsp(c.get('cspNonce'), options.development) : resourceCsp,
      );
    }
    if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY');
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'same-origin');
    if (/^application\/(problem\+)?json/i.test(type) && !headers.has('Cache-Control')) {
      headers.set('Cache-Control', 'no-store');
    }
    if (publicOrigin(c.req.raw).protocol === 'https:') {
      headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    if (c.res.status === 413) headers.set('Connection', 'close');
  });
}
