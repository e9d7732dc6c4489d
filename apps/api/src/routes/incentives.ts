import { createRoute, z } from '@hono/zod-openapi';
import { allocationForRouting } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { staffKeyOrSession } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const AllocationTable = z
  .object({
    id: z.uuid(),
    serviceCategory: z.enum(serviceCategories),
    quarter: z.string().openapi({ example: '2026-Q4', description: 'The quarter the shares are for.' }),
    sourceQuarter: z.string().openapi({
      example: '2026-Q3',
      description: 'The reviewed quarter whose incentive tiers set the weights.',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    shares: z
      .array(
        z.object({
          partnerId: z.uuid(),
          partnerName: z.string(),
          weight: z
            .number()
            .openapi({ description: 'The business weight of the partner’s tier (1: neutral).' }),
          shareBasisPoints: z
            .number()
            .int()
            .openapi({ description: 'Share of new work in basis points; the shares add up to 10000.' }),
          routingPriority: z.boolean().openapi({ description: 'Routed first when work is assigned.' }),
        }),
      )
      .openapi({ description: 'Largest share first, then by name.' }),
  })
  .openapi('AllocationTable');

const allocation = createRoute({
  method: 'get',
  path: '/v1/incentives/allocations',
  operationId: 'getIncentiveAllocation',
  ...staffKeyOrSession('allocations:read'),
  tags: ['Incentives'],
  summary:
    'The allocation table of one service category and quarter, for routing new work (staff keys with allocations:read, or staff)',
  description:
    'Every partner’s share of the category’s new work for the quarter, as the portal’s allocation page and its CSV/XLSX show it. A partner’s API key or session is refused (403 forbidden). Reading is not audited (the portal’s file exports are).',
  request: {
    query: z.object({
      category: z
        .enum(serviceCategories, { message: 'Choose a service category.' })
        .openapi({ param: { name: 'category', in: 'query' }, example: 'claims' }),
      quarter: z
        .string()
        .max(20)
        .openapi({ param: { name: 'quarter', in: 'query' }, example: '2026-Q4', description: 'YYYY-Qn.' }),
    }),
  },
  responses: {
    200: { description: 'The table', content: { 'application/json': { schema: AllocationTable } } },
    ...errorResponses(401, 403, 404, 422),
  },
});

export function incentiveRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(allocation, async (c) => {
    const { category, quarter } = c.req.valid('query');
    return c.json(
      json(await allocationForRouting(db, requireActor(c), { serviceCategory: category, quarter })),
      200,
    );
  });
}
