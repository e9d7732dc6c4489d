import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError, assertCleanInput } from '@outpost/core';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps, ApiEnv } from './context.ts';
import { docsPage } from './docs-page.ts';
import { errorBody, errorResponse, validationError } from './errors.ts';
import { authenticate } from './middleware/authenticate.ts';
import { inputGuard } from './middleware/input-guard.ts';
import { requestId } from './middleware/request-id.ts';
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
  // Document, third-party report and rectification evidence uploads and event batches set their own, larger limits.
  const hasOwnLimit = (path: string, method: string) =>
    method === 'POST' &&
    (path.endsWith('/v1/documents') ||
      path.endsWith('/v1/events') ||
      /\/v1\/applications\/[^/]+\/assessment\/report$/.test(path) ||
      /\/v1\/rectification-items\/[^/]+\/evidence$/.test(path));
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
  app.use('/v1/*', authenticate(deps.db));

  meRoutes(app);
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

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Outpost API',
      version: '1.0.0',
      description:
        'Partner lifecycle management for insurers. Errors always have the shape { error: { code, message, requestId, details } }.',
    },
    servers: [{ url: '/api' }],
  });
  app.get('/docs', (c) => c.html(docsPage('/api/openapi.json')));

  app.notFound((c) =>
    c.json(
      errorBody(c, 'not_found', `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}. See /api/docs.`),
      404,
    ),
  );
  app.onError((error, c) => errorResponse(c, error));
  return app;
}
