import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError, assertCleanInput } from '@outpost/core';
import { SECURITY_SCHEMES } from './access.ts';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps, ApiEnv } from './context.ts';
import { docsPage, docsPagePolicy } from './docs-page.ts';
import { errorResponse, validationError } from './errors.ts';
import { authenticate } from './middleware/authenticate.ts';
import { inputGuard, jsonBodyGuard } from './middleware/input-guard.ts';
import { requestId } from './middleware/request-id.ts';
import { completeOperations } from './operations.ts';
import { ErrorSchema } from './schemas.ts';
import { allowedMethods, buildRouteTable, matchRoute, type RouteEntry } from './route-table.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { applicationRoutes } from './routes/applications.ts';
import { blacklistRoutes } from './routes/blacklist.ts';
import { documentRoutes } from './routes/documents.ts';
import { eventRoutes } from './routes/events.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { partnerRoutes } from './routes/partners.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { scorecardRoutes } from './routes/scorecards.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { trainingRoutes } from './routes/training.ts';
import { riskIncidentRoutes } from './routes/risk-incidents.ts';
import { incentiveRoutes } from './routes/incentives.ts';
import { registerRoutes } from './routes/register.ts';

/**
 * The REST API, mounted by the server under /api. Routes are declared with zod
 * schemas that both validate requests and generate the OpenAPI document.
 */
export function createApi(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({
    // Every validated part of a request (JSON, form fields, query, path) also passes the input
    // guard: some values go straight to a query (a sign-in e-mail) without a core schema.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues);
      assertCleanInput(result.data);
    },
  });

  app.use('*', requestId);
  // Filled once every route is registered (below); read by the 401s and the 404/405 fallback.
  let routeTable: RouteEntry[] = [];
  app.use('*', async (c, next) => {
    // '/api/*' when the server mounts the API under /api, '/*' when a test uses it alone.
    c.set('apiBase', c.req.routePath.replace(/\/?\*$/, ''));
    c.set('routeTable', routeTable);
    await next();
    // For the server's access log and metrics: the route pattern, wherever the request stopped.
    const route = matchRoute(routeTable, c.req.method, c.req.path.slice(c.get('apiBase').length) || '/');
    c.set('routePattern', `${c.get('apiBase')}${route ? route.path : '/*'}`);
  });
  // Document, third-party report and rectification evidence uploads and event batches set their own, larger limits.
  const ownLimitPath = (path: string) =>
    path.endsWith('/v1/documents') ||
    path.endsWith('/v1/events') ||
    /\/v1\/applications\/[^/]+\/assessment\/report$/.test(path) ||
    /\/v1\/rectification-items\/[^/]+\/evidence$/.test(path);
  const hasOwnLimit = (path: string, method: string) => method === 'POST' && ownLimitPath(path);
  const generalLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new AppError('payload_too_large', `The request body is larger than ${deps.maxBodyBytes} bytes.`, {
        details: { maxBytes: deps.maxBodyBytes },
      });
    },
  });
  app.use('*', (c, next) => (hasOwnLimit(c.req.path, c.req.method) ? next() : generalLimit(c, next)));
  app.use('*', inputGuard);
  // Their own limit middleware runs for every method (and reads the body again), so those paths
  // are never read here, whatever the method; events.ts guards its JSON after its limit.
  app.use('*', (c, next) => (ownLimitPath(c.req.path) ? next() : jsonBodyGuard(c, next)));
  app.use('/v1/*', authenticate(deps.db, deps.rateLimit));

  meRoutes(app, deps);
  sessionRoutes(app, deps);
  partnerRoutes(app, deps);
  notificationRoutes(app, deps);
  invitationRoutes(app, deps);
  blacklistRoutes(app, deps);
  documentRoutes(app, deps);
  applicationRoutes(app, deps);
  apiKeyRoutes(app, deps);
  eventRoutes(app, deps);
  kpiRoutes(app, deps);
  scorecardRoutes(app, deps);
  reviewRoutes(app, deps);
  trainingRoutes(app, deps);
  riskIncidentRoutes(app, deps);
  incentiveRoutes(app, deps);
  registerRoutes(app, deps);

  completeOperations(app);
  // Every code any answer may carry, in one schema: for answers no operation documents (a wrong
  // method's 405, an unknown path's 404) and for clients that want one error type.
  app.openAPIRegistry.register('Error', ErrorSchema);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Outpost API',
      version: '1.0.0',
      description: [
        'Partner lifecycle management for insurers.',
        'Authentication: partner systems send `Authorization: Bearer opk_<id>_<secret>` (an API key a partner administrator creates under API keys in the portal), the insurer’s own systems a staff key (an administrator creates it under Settings → Staff API keys); people sign in with POST /v1/sessions and send the session cookie. Each operation lists what it accepts under `security`.',
        'Errors always have the shape { error: { code, message, requestId, details } }; each answer lists its codes (schemas Error400, Error401, …: the codes of that status), and validation errors name each field in `details.fields` as { path, message }.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api' }],
  });
  const docsHtml = docsPage('/api/openapi.json');
  const docsPolicy = docsPagePolicy(docsHtml);
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', docsPolicy);
    return c.html(docsHtml);
  });

  // Last: whatever no route answered. Under the server's /api mount this also keeps unknown
  // API paths away from the portal's HTML 404 page.
  app.all('*', (c) => {
    const path = c.req.path.slice(c.get('apiBase').length) || '/';
    const allowed = allowedMethods(routeTable, path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      throw new AppError(
        'method_not_allowed',
        `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(', ')}.`,
        {
          details: { allowed },
        },
      );
    }
    throw new AppError('not_found', `No endpoint ${c.req.method} ${c.req.path}. See /api/docs.`);
  });
  app.onError((error, c) => errorResponse(c, error));
  routeTable = buildRouteTable(app);
  return app;
}
