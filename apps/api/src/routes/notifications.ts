import { createRoute, z } from '@hono/zod-openapi';
import { listInbox, markRead } from '@outpost/core';
import { sessionOnly } from '../access.ts';
import { pageNumber } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';

const NotificationSchema = z
  .object({
    id: z.uuid(),
    template: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const list = createRoute({
  method: 'get',
  path: '/v1/notifications',
  ...sessionOnly,
  tags: ['Notifications'],
  summary: 'Your inbox, newest first',
  request: { query: z.object({ page: pageNumber().optional() }) },
  responses: {
    200: {
      description: 'A page of notifications',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(NotificationSchema), unread: z.number().int(), ...PageMeta }),
        },
      },
    },
    ...errorResponses(401),
  },
});

const read = createRoute({
  method: 'post',
  path: '/v1/notifications/{id}/read',
  ...sessionOnly,
  tags: ['Notifications'],
  summary: 'Mark one of your notifications as read',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Done',
      content: { 'application/json': { schema: z.object({ updated: z.number().int() }) } },
    },
    ...errorResponses(401, 404),
  },
});

export function notificationRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => {
    const page = await listInbox(db, requireActor(c), c.req.valid('query').page ?? 1);
    return c.json(
      {
        ...page,
        items: page.items.map((n) => ({
          id: n.id,
          template: n.template,
          params: n.params,
          link: n.link,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });
  app.openapi(read, async (c) => {
    const updated = await markRead(db, requireActor(c), c.req.valid('param').id, 'api');
    return c.json({ updated }, 200);
  });
}
