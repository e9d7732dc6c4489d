import { createRoute, z } from '@hono/zod-openapi';
import { getPartnerIncident, listPartnerIncidents, pageNumber } from '@outpost/core';
import { riskIncidentStatuses, riskLevels, riskTaskStatuses } from '@outpost/db';
import { sessionOnly } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';

const tags = ['Risk incidents'];

const IncidentSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    severity: z.enum(riskLevels),
    status: z.enum(riskIncidentStatuses),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi('RiskIncidentSummary');

const RemediationTask = z
  .object({
    id: z.uuid(),
    description: z.string(),
    dueDate: z.string().openapi({ example: '2026-12-31' }),
    status: z.enum(riskTaskStatuses),
    overdue: z.boolean(),
    submittedAt: z.string().nullable(),
    submissionNote: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    rejectionReason: z
      .string()
      .nullable()
      .openapi({ description: 'Why staff sent the task back, if they did.' }),
    evidence: z.array(
      z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string() }),
    ),
  })
  .openapi('RemediationTask');

const list = createRoute({
  method: 'get',
  path: '/v1/risk/incidents',
  ...sessionOnly,
  tags,
  summary: 'Your organisation’s incidents that ask remediation of it (partner people only)',
  request: { query: z.object({ page: pageNumber().optional() }) },
  responses: {
    200: {
      description: 'A page of incidents',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              IncidentSummary.extend({ openTasks: z.number().int(), overdueTasks: z.number().int() }),
            ),
            ...PageMeta,
          }),
        },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/v1/risk/incidents/{id}',
  ...sessionOnly,
  tags,
  summary: 'One of your incidents with the remediation tasks assigned to you (another partner’s: 404)',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'The incident',
      content: {
        'application/json': {
          schema: z.object({ incident: IncidentSummary, tasks: z.array(RemediationTask) }),
        },
      },
    },
    ...errorResponses(401, 403, 404),
  },
});

/** Read-only: partners answer tasks in the portal (evidence upload), decision record 035. */
export function riskIncidentRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => {
    const result = await listPartnerIncidents(db, requireActor(c), c.req.valid('query'));
    return c.json(
      json({ items: result.incidents, total: result.total, page: result.page, pageSize: result.pageSize }),
      200,
    );
  });
  app.openapi(detail, async (c) =>
    c.json(json(await getPartnerIncident(db, requireActor(c), c.req.valid('param').id)), 200),
  );
}
