import { isAppError } from '@outpost/core';
import { loggerFor } from '@outpost/log';
import { renderToString } from 'react-dom/server';
import {
  type EntryContext,
  type HandleErrorFunction,
  isRouteErrorResponse,
  RouterContextProvider,
  ServerRouter,
} from 'react-router';
import { depsContext, type PortalDeps } from './context';
import { scriptJson } from './lib/script-json';

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

/**
 * The CSP nonce of this response, set by the server (apps/server/src/security-headers.ts sets
 * the headers of every response, the page's script-src with this nonce among them).
 */
const CSP_NONCE_HEADER = 'x-outpost-csp-nonce';

/**
 * Renders the whole page as one string and answers with it (decision record 011).
 *
 * No page suspends: every loader awaits its own data, and the loader data the browser's
 * router hydrates from (React Router's "handoff", a turbo-stream) is read whole before
 * rendering. So the page needs neither streaming nor Suspense, and renderToString makes the
 * same markup as renderToPipeableStream at a fraction of the server CPU (the streaming
 * renderer encodes every tag fragment into a byte buffer and schedules its work in tasks).
 * The handoff goes into the same two scripts React Router's own <StreamTransfer> writes.
 * If a loader ever returns deferred data (<Await>), its fallback is what the server renders
 * and the browser fills it in from the same handoff — correct, just not streamed.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: RouterContextProvider,
) {
  const nonce = request.headers.get(CSP_NONCE_HEADER) ?? undefined;
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const handoff = routerContext.serverHandoffStream ? await readAll(routerContext.serverHandoffStream) : null;
  const html = renderToString(
    <>
      <ServerRouter
        context={{ ...routerContext, serverHandoffStream: undefined }}
        url={request.url}
        nonce={nonce}
      />
      {handoff === null ? null : <HandoffScripts handoff={handoff} nonce={nonce} />}
    </>,
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/** Hands the loader data to the browser's router, exactly as React Router's <StreamTransfer> would. */
function HandoffScripts({ handoff, nonce }: { handoff: string; nonce: string | undefined }) {
  return (
    <>
      <script
        nonce={nonce}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON, escaped for a script element.
        dangerouslySetInnerHTML={{
          __html: `window.__reactRouterContext.streamController.enqueue(${scriptJson(handoff)});`,
        }}
      />
      <script
        nonce={nonce}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant.
        dangerouslySetInnerHTML={{ __html: 'window.__reactRouterContext.streamController.close();' }}
      />
    </>
  );
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Logs what nobody expected. Refusals the portal throws on purpose (403/404 pages,
 * domain errors such as "not found") and requests the browser aborted are not bugs.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isAppError(error) && error.status < 500) return;
  // React Router's own CSRF check refuses a post whose Origin is not ours before any route runs (a 400).
  if (error instanceof Error && /^Bad Request$|origin does not match `origin` header/.test(error.message))
    return;
  loggerFor('portal').error({ err: error, method: request.method }, 'unexpected error while rendering');
};
