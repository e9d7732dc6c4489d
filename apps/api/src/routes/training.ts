import { createRoute, z } from '@hono/zod-openapi';
import { calendarDate, ownTrainingCompletions, ownTrainingPeople, pageNumber, pageSize } from '@outpost/core';
import { serviceCategories, trainingCategories, trainingCompletionSources } from '@outpost/db';
import { keyOrSession } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, PageMeta } from '../schemas.ts';

const TrainingPerson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    staffNumber: z.string().openapi({
      description: 'Masked: only the first two and the last two characters are shown.',
      example: 'E-••••••78',
    }),
    jobRole: z.string(),
    serviceCategory: z.enum(serviceCategories),
    startDate: z.string().openapi({ example: '2024-01-01' }),
    hasPortalAccount: z.boolean(),
  })
  .openapi('TrainingPerson');

const TrainingCompletion = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    source: z.enum(trainingCompletionSources),
    courseId: z.uuid().nullable(),
    courseVersionId: z.uuid().nullable(),
    category: z.enum(trainingCategories),
    minutes: z.number().int(),
    completedOn: z.string().openapi({ example: '2026-03-31' }),
    certificateCode: z.string().openapi({ description: 'Anyone can check it at /verify/<code>.' }),
    recordedAt: z.string(),
  })
  .openapi('TrainingCompletion');

const people = createRoute({
  method: 'get',
  path: '/v1/training/people',
  ...keyOrSession('training'),
  tags: ['Training'],
  summary: 'Your training roster, staff numbers masked, by name (your administrators or a training key)',
  request: {
    query: z.object({ page: pageNumber().optional(), pageSize: pageSize(200).optional() }),
  },
  responses: {
    200: {
      description: 'People',
      content: {
        'application/json': { schema: z.object({ items: z.array(TrainingPerson), ...PageMeta }) },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

const completions = createRoute({
  method: 'get',
  path: '/v1/training/completions',
  ...keyOrSession('training'),
  tags: ['Training'],
  summary: 'Your people’s training completions (course and external) on or after a date, oldest first',
  request: {
    query: z.object({
      since: calendarDate()
        .optional()
        .openapi({
          param: { name: 'since', in: 'query' },
          example: '2026-01-01',
          description: 'Completed on or after this day (China Standard Time); default: all.',
        }),
      page: pageNumber().optional(),
      pageSize: pageSize(200).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Completions',
      content: {
        'application/json': { schema: z.object({ items: z.array(TrainingCompletion), ...PageMeta }) },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

export function trainingRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(people, async (c) =>
    c.json(json(await ownTrainingPeople(db, requireActor(c), c.req.valid('query'))), 200),
  );
  app.openapi(completions, async (c) =>
    c.json(json(await ownTrainingCompletions(db, requireActor(c), c.req.valid('query'))), 200),
  );
}
