import { createRoute, z } from '@hono/zod-openapi';
import {
  createPartner,
  getPartner,
  liftSuspension,
  listPartners,
  partnerHistory,
  suspendPartner,
  updatePartner,
} from '@outpost/core';
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

const update = createRoute({
  method: 'patch',
  path: '/v1/partners/{id}',
  ...sessionOnly,
  tags: ['Partners'],
  summary: 'Edit a partner’s profile or contacts (staff administrators); only the fields sent change',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              legalName: z.string().max(200),
              registeredAddress: z.string().max(500).nullable(),
              parentCompany: z.string().max(200).nullable(),
              lei: z.string().max(20).nullable(),
              contactEmail: z
                .string()
                .max(254)
                .nullable()
                .openapi({ description: 'Empty or null clears it' }),
              serviceCategories: z.array(z.enum(serviceCategories)).max(serviceCategories.length),
              criticality: z.enum(criticalities),
              criticalityReason: z.string().max(2000).nullable(),
              handlesPersonalData: z.boolean(),
            })
            .partial()
            .strict()
            .openapi('UpdatePartner'),
        },
      },
    },
  },
  responses: {
    200: { description: 'The partner as saved', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

const ReasonBody = z.object({ reason: z.string().max(2000) });

const suspend = createRoute({
  method: 'post',
  path: '/v1/partners/{id}/suspend',
  ...sessionOnly,
  tags: ['Partners'],
  summary:
    'Suspend a partner with a reason it is told (risk officers, administrators). While suspended, its users and keys may read but every change answers 403 partner.suspended.',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: ReasonBody } } },
  },
  responses: {
    200: { description: 'The suspended partner', content: { 'application/json': { schema: PartnerSchema } } },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

const lift = createRoute({
  method: 'post',
  path: '/v1/partners/{id}/lift-suspension',
  ...sessionOnly,
  tags: ['Partners'],
  summary: 'Lift a suspension, with a reason (risk officers, administrators)',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: ReasonBody } } },
  },
  responses: {
    200: {
      description: 'The partner, back to its earlier status',
      content: { 'application/json': { schema: PartnerSchema } },
    },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

const HistoryEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string().openapi({ example: 'partner.suspended' }),
    actorType: z.string(),
    actorName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('PartnerHistoryEntry');

const history = createRoute({
  method: 'get',
  path: '/v1/partners/{id}/history',
  ...sessionOnly,
  tags: ['Partners'],
  summary: 'What happened to a partner, newest first, from the audit log (staff)',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'History entries',
      content: { 'application/json': { schema: z.object({ items: z.array(HistoryEntry) }) } },
    },
    ...errorResponses(401, 403, 404),
  },
});

export function partnerRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(update, async (c) =>
    c.json(
      partnerDto(await updatePartner(db, requireActor(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
  );
  app.openapi(suspend, async (c) =>
    c.json(
      partnerDto(
        await suspendPartner(db, requireActor(c), {
          partnerId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
      ),
      200,
    ),
  );
  app.openapi(lift, async (c) =>
    c.json(
      partnerDto(
        await liftSuspension(db, requireActor(c), {
          partnerId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
      ),
      200,
    ),
  );
  app.openapi(history, async (c) => {
    const items = await partnerHistory(db, requireActor(c), c.req.valid('param').id);
    return c.json({ items: items.map((h) => ({ ...h, at: h.at.toISOString() })) }, 200);
  });
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
