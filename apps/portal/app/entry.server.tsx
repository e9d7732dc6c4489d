import { Writable } from 'node:stream';
import { isAppError } from '@outpost/core';
import { renderToPipeableStream } from 'react-dom/server';
import {
  type EntryContext,
  type HandleErrorFunction,
  isRouteErrorResponse,
  RouterContextProvider,
  ServerRouter,
} from 'react-router';
import { depsContext, type PortalDeps } from './context';

export type { PortalDeps };

/**
 * The request handler factory of the very React Router copy this build uses. The
 * context made by createLoadContext is checked with instanceof, so a host must not
 * pair it with another copy — in development Vite resolves React Router with the
 * "development" condition while a plain Node import gets the production files.
 */
export { createRequestHandler } from 'react-router';

/**
 * Called by apps/server for every request: the server's database, Slack gateway and
 * public URL become the router context that middleware, loaders and actions read.
 */
export function createLoadContext(deps: PortalDeps): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(depsContext, deps);
  return context;
}

export const streamTimeout = 5_000;

/** Headers every HTML page gets: no framing (clickjacking), no MIME sniffing, no leaking paths. */
function setSecurityHeaders(headers: Headers) {
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  headers.set('Referrer-Policy', 'same-origin');
}

/**
 * Renders the whole page, then answers with it in one piece. No page suspends on deferred
 * data (every loader awaits its own), so streaming would only split the same bytes into
 * React's 2 KB chunks — one socket write each — without showing anything sooner.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: RouterContextProvider,
) {
  setSecurityHeaders(responseHeaders);
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const page = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timeoutId);
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        resolve(
          new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }),
        );
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} />,
      {
        onAllReady() {
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(timeoutId);
          reject(error);
        },
        onError() {
          // Reported through handleError below; the page becomes a 500.
          responseStatusCode = 500;
        },
      },
    );
    const timeoutId = setTimeout(() => abort(), streamTimeout + 1000);
  });
}

/**
 * Logs what nobody expected. Refusals the portal throws on purpose (403/404 pages,
 * domain errors such as "not found") and requests the browser aborted are not bugs.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isAppError(error) && error.status < 500) return;
  console.error(error);
};
