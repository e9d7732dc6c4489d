import { createRoute, z } from '@hono/zod-openapi';
import {
  clearSessionCookie,
  DEVICE_COOKIE,
  deviceCookieHeader,
  readCookie,
  invalidateSession,
  sessionCookie,
  sessionExpiresAt,
  signIn,
} from '@outpost/auth';
import { open, sessionOnly } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';
import { clientIp } from '../client-ip.ts';

const create = createRoute({
  method: 'post',
  path: '/v1/sessions',
  ...open,
  tags: ['Account'],
  summary:
    'Sign in with e-mail and password (and the authenticator code when the account has one); sets the session cookie',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              email: z.string().min(1).max(320),
              password: z.string().min(1).max(256),
              code: z.string().min(1).max(40).optional().openapi({
                description:
                  'For an account with two-step sign-in: the 6-digit code from the authenticator app, or a recovery code. Without it such an account is answered 401 with details.secondFactor = "required".',
              }),
            })
            .openapi('SignIn'),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Signed in',
      content: { 'application/json': { schema: z.object({ userId: z.uuid(), expiresAt: z.string() }) } },
    },
    ...errorResponses(400, 401, 422, 429),
  },
});

const destroy = createRoute({
  method: 'delete',
  path: '/v1/sessions/current',
  ...sessionOnly,
  tags: ['Account'],
  summary: 'Sign out this session',
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401) },
});

export function sessionRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const result = await signIn(db, {
      ...body,
      ip: clientIp(c.req.raw, c.env),
      userAgent: c.req.header('user-agent'),
      deviceCookie: readCookie(c.req.header('cookie'), DEVICE_COOKIE),
    });
    const expiresAt = sessionExpiresAt(result.session);
    c.header('Set-Cookie', sessionCookie(result.token, c.req.url, expiresAt));
    if (result.deviceCookie) {
      c.header('Set-Cookie', deviceCookieHeader(result.deviceCookie, c.req.url), { append: true });
    }
    return c.json({ userId: result.userId, expiresAt: expiresAt.toISOString() }, 201);
  });
  app.openapi(destroy, async (c) => {
    const actor = requireActor(c);
    await invalidateSession(db, actor, c.get('session')!.id);
    c.header('Set-Cookie', clearSessionCookie(c.req.url));
    return c.body(null, 204);
  });
}
