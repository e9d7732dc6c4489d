import { createRoute, z } from '@hono/zod-openapi';
import { createPartner, getPartner, listPartners } from '@outpost/core';
import { criticalities, partnerStatuses, serviceCategories } from '@outpost/db';
import { keyOrSession, sessionOnly } from '../access.ts';
import { emailAddress, pageNumber, pageSize } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta, PartnerSchema, partnerDto } from '../schemas.ts';

const list = createRoute({
  method: 'get',
  path: '/v1/partners',
  ...keyOrSession('documents'),
  tags: ['Partners'],
  summary: 'List partners (staff: all; partner users: their own)',
  request: {
    query: z.object({
      q: z.string().max(100).optional().openapi({ description: 'Search legal name or credit code' }),
      status: z.enum(partnerStatuses).optional(),
      page: pageNumber().optional(),
      pageSize: pageSize(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of partners',
      content: { 'application/json': { schema: z.object({ items: z.array(PartnerSchema), ...PageMeta }) } },
    },
    ...errorResponses(400, 401, 403, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/partners/{id}',
  ...keyOrSession('documents'),
  tags: ['Partners'],
  summary: 'One partner',
  request: { params: IdParam },
  responses: {
    200: { description: 'The partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses(401, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/partners',
  ...sessionOnly,
  tags: ['Partners'],
  summary: 'Register a partner organisation (staff administrators)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              legalName: z.string().min(2).max(200),
              creditCode: z.string().max(64).openapi({ example: '91440300708461136T' }),
              serviceCategories: z.array(z.enum(serviceCategories)).min(1),
              criticality: z.enum(criticalities).optional(),
              contactEmail: emailAddress().optional(),
              registeredAddress: z.string().max(500).optional(),
            })
            .openapi('CreatePartner'),
        },
      },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses(400, 401, 403, 409, 413, 422),
  },
});

export function partnerRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => {
    const page = await listPartners(db, requireActor(c), c.req.valid('query'));
    return c.json({ ...page, items: page.items.map(partnerDto) }, 200);
  });
  app.openapi(get, async (c) =>
    c.json(partnerDto(await getPartner(db, requireActor(c), c.req.valid('param').id)), 200),
  );
  app.openapi(create, async (c) =>
    c.json(partnerDto(await createPartner(db, requireActor(c), c.req.valid('json'))), 201),
  );
}
