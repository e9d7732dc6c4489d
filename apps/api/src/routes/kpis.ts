import { createRoute, z } from '@hono/zod-openapi';
import { listKpis, saveKpi } from '@outpost/core';
import { kpiComputations, kpiDirections, kpiUnits, serviceCategories } from '@outpost/db';
import { keyOrSession, sessionOnly } from '../access.ts';
import { boundedNumber, int32, shortText } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const fields = {
  nameZh: shortText(200),
  nameEn: shortText(200),
  unit: z.enum(kpiUnits),
  computation: z
    .enum(kpiComputations)
    .openapi({ description: 'How the value is computed from the daily rollups of service events.' }),
  direction: z.enum(kpiDirections),
  target: boundedNumber(),
  warningThreshold: boundedNumber(),
  criticalThreshold: boundedNumber(),
  weight: int32()
    .min(0)
    .max(100)
    .openapi({ description: 'Relative weight in the overall score (0 shows without scoring).' }),
  serviceCategories: z.array(z.enum(serviceCategories)).openapi({ description: 'Empty: every category.' }),
  active: z.boolean(),
  sortOrder: int32(),
};

const Kpi = z
  .object({ key: z.string(), ...fields, createdAt: z.string(), updatedAt: z.string() })
  .openapi('Kpi');

const list = createRoute({
  method: 'get',
  path: '/v1/kpis',
  ...keyOrSession('events'),
  tags: ['Performance'],
  summary: 'KPI definitions: how each is computed, its target and thresholds, weight and categories',
  responses: {
    200: {
      description: 'KPIs',
      content: { 'application/json': { schema: z.object({ items: z.array(Kpi) }) } },
    },
    ...errorResponses(401, 403),
  },
});

const save = createRoute({
  method: 'put',
  path: '/v1/kpis/{key}',
  ...sessionOnly,
  tags: ['Performance'],
  summary: 'Create or update a KPI definition (staff administrators); audited',
  request: {
    params: z.object({
      key: z
        .string()
        .max(60)
        .openapi({ param: { name: 'key', in: 'path' } }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            ...fields,
            serviceCategories: fields.serviceCategories.optional(),
            active: fields.active.optional(),
            sortOrder: fields.sortOrder.optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: Kpi } } },
    ...errorResponses(401, 403, 422),
  },
});

export function kpiRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => c.json(json({ items: await listKpis(db, requireActor(c)) }), 200));
  app.openapi(save, async (c) =>
    c.json(
      json(await saveKpi(db, requireActor(c), { ...c.req.valid('json'), key: c.req.valid('param').key })),
      200,
    ),
  );
}
