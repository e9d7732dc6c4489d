import { createRoute, z } from '@hono/zod-openapi';
import { eventsBehind, getScorecard, kpiStatuses, parsePeriod, quarterOf, rankPartners } from '@outpost/core';
import { kpiDirections, kpiUnits, serviceCategories, serviceEventTypes } from '@outpost/db';
import { sessionOnly } from '../access.ts';
import { pageNumber, pageSize } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';

const status = z.enum(kpiStatuses).openapi({
  description:
    'met: at or better than the target; below_target: worse than the target, no worse than the warning threshold; warning; critical; no_data.',
});
const provisional = z.boolean().openapi({
  description: 'The period has not ended in China Standard Time: score and grade are provisional.',
});
const grade = z.enum(['A', 'B', 'C', 'D', 'E']).nullable();
const periodParam = z
  .string()
  .max(20)
  .optional()
  .openapi({
    param: { name: 'period', in: 'query' },
    example: '2026-Q3',
    description: 'YYYY-Qn, YYYY-MM or YYYY; default: the current quarter (China Standard Time).',
  });
const period = (text: string | undefined) => (text ? parsePeriod(text) : quarterOf(new Date()));

const KpiResult = z
  .object({
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.enum(kpiUnits),
    direction: z.enum(kpiDirections),
    value: z.number().nullable(),
    sampleSize: z.number().openapi({
      description: 'Observations behind the value (ratings, closed cases, checks, or yuan handled).',
    }),
    target: z.number(),
    warningThreshold: z.number(),
    criticalThreshold: z.number(),
    weight: z.number().int(),
    status,
    statusText: z
      .string()
      .openapi({ description: 'The status in words, so it never depends on colour alone.' }),
    score: z.number().nullable(),
  })
  .openapi('KpiResult');

const Scorecard = z
  .object({
    partner: z.object({
      id: z.uuid(),
      legalName: z.string(),
      serviceCategories: z.array(z.enum(serviceCategories)),
    }),
    period: z.object({
      kind: z.enum(['month', 'quarter', 'year']),
      year: z.number().int(),
      index: z.number().int(),
      label: z.string(),
      from: z.string(),
      to: z.string(),
    }),
    score: z
      .number()
      .nullable()
      .openapi({ description: 'Weighted score 0–100 over the KPIs that have data.' }),
    grade,
    provisional,
    kpis: z.array(KpiResult),
    trend: z.array(
      z.object({
        period: z.string(),
        score: z.number().nullable(),
        grade,
        provisional,
        values: z.record(z.string(), z.number().nullable()),
      }),
    ),
    peers: z
      .array(
        z.object({
          category: z.enum(serviceCategories),
          peerCount: z.number().int(),
          percentile: z.number().nullable(),
        }),
      )
      .openapi({
        description:
          'Per service category: share of scored peers this partner beats (ties half). Peers are never named.',
      }),
  })
  .openapi('Scorecard');

const scorecard = createRoute({
  method: 'get',
  path: '/v1/partners/{id}/scorecard',
  ...sessionOnly,
  tags: ['Performance'],
  summary: 'A partner’s scorecard for a month, quarter or year (staff, or the partner itself)',
  request: { params: IdParam, query: z.object({ period: periodParam }) },
  responses: {
    200: { description: 'Scorecard', content: { 'application/json': { schema: Scorecard } } },
    ...errorResponses(401, 403, 404, 422),
  },
});

const Event = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    type: z.enum(serviceEventTypes),
    occurredAt: z.string(),
    payload: z.record(z.string(), z.unknown()),
    receivedAt: z.string(),
    voidedBy: z
      .string()
      .nullable()
      .openapi({ description: 'The correction that voided this event; it no longer counts.' }),
    late: z.boolean().nullable().openapi({
      description:
        'A closed case closed after its slaDueAt (missed its SLA); null for events without an SLA.',
    }),
    minutesLate: z.number().int().nullable(),
  })
  .openapi('StoredServiceEvent');

const events = createRoute({
  method: 'get',
  path: '/v1/partners/{id}/scorecard/events',
  ...sessionOnly,
  tags: ['Performance'],
  summary: 'The events behind one KPI’s number in a period (drill-down), oldest first',
  request: {
    params: IdParam,
    query: z.object({
      kpi: z
        .string()
        .max(60)
        .openapi({ param: { name: 'kpi', in: 'query' }, example: 'customer_satisfaction' }),
      period: periodParam,
      page: pageNumber().optional(),
      pageSize: pageSize(200).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Events',
      content: {
        'application/json': {
          schema: z.object({ period: z.string(), kpiKey: z.string(), items: z.array(Event), ...PageMeta }),
        },
      },
    },
    ...errorResponses(401, 403, 404, 422),
  },
});

const ranking = createRoute({
  method: 'get',
  path: '/v1/scorecards',
  ...sessionOnly,
  tags: ['Performance'],
  summary:
    'All partners ranked by score for a period (staff); filter by service category, sort by score or name',
  request: {
    query: z.object({
      period: periodParam,
      category: z.enum(serviceCategories).optional(),
      sort: z.enum(['score', 'name']).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      page: pageNumber().optional(),
      pageSize: pageSize(100).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Ranked partners',
      content: {
        'application/json': {
          schema: z.object({
            period: z.string(),
            provisional,
            items: z.array(
              z.object({
                rank: z.number().int().nullable(),
                partnerId: z.uuid(),
                legalName: z.string(),
                serviceCategories: z.array(z.enum(serviceCategories)),
                status: z.string(),
                score: z.number().nullable(),
                grade,
                kpis: z.array(z.object({ key: z.string(), value: z.number().nullable(), status })),
                worstStatus: status,
              }),
            ),
            ...PageMeta,
          }),
        },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

export function scorecardRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(scorecard, async (c) =>
    c.json(
      json(
        await getScorecard(db, requireActor(c), {
          partnerId: c.req.valid('param').id,
          period: period(c.req.valid('query').period),
        }),
      ),
      200,
    ),
  );
  app.openapi(events, async (c) => {
    const { kpi, period: text, ...page } = c.req.valid('query');
    return c.json(
      json(
        await eventsBehind(db, requireActor(c), {
          partnerId: c.req.valid('param').id,
          kpiKey: kpi,
          period: period(text),
          ...page,
        }),
      ),
      200,
    );
  });
  app.openapi(ranking, async (c) => {
    const { period: text, ...rest } = c.req.valid('query');
    return c.json(json(await rankPartners(db, requireActor(c), { period: period(text), ...rest })), 200);
  });
}
