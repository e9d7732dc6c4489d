import { createRoute, type RouteConfig, type RouteHandler, z } from '@hono/zod-openapi';
import {
  type Actor,
  acknowledgeReview,
  answerAppeal,
  appealReview,
  draftQuarterlyReviews,
  finaliseReview,
  getReview,
  listReviews,
  readRectificationEvidence,
  reopenRectificationItem,
  saveReviewDraft,
  submitRectificationItem,
  uploadRectificationEvidence,
  verifyRectificationItem,
} from '@outpost/core';
import { appealOutcomes, rectificationStatuses, reviewDecisions, reviewStatuses } from '@outpost/db';
import { attachmentResponse } from '../attachment.ts';
import { sessionOnly } from '../access.ts';
import { calendarDate, longText, pageNumber, pageSize } from '@outpost/core';
import type { ApiApp, ApiDeps, ApiEnv } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';
import { requireFile, uploadLimit } from '../upload.ts';

const tags = ['Quarterly reviews'];
const quarter = z.string().max(20).openapi({ example: '2026-Q3' });

const Review = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    quarter,
    status: z.enum(reviewStatuses),
    snapshot: z.object({}).passthrough().openapi({
      description:
        'The scorecard when the review was drafted (KPIs, score, grade, peer percentiles); never changes.',
    }),
    score: z.number().nullable(),
    grade: z.string().nullable(),
    percentile: z
      .number()
      .nullable()
      .openapi({ description: 'Lowest peer percentile among its service categories.' }),
    comments: z.string().nullable(),
    decision: z.enum(reviewDecisions).nullable(),
    finalisedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    appealReason: z.string().nullable(),
    appealedAt: z.string().nullable(),
    appealOutcome: z.enum(appealOutcomes).nullable(),
    appealResponse: z.string().nullable(),
    appealAnsweredAt: z.string().nullable(),
  })
  .passthrough()
  .openapi('QuarterlyReview');

const Evidence = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .openapi('RectificationEvidence');

const Item = z
  .object({
    id: z.uuid(),
    reviewId: z.uuid(),
    description: z.string(),
    dueDate: z.string(),
    status: z.enum(rectificationStatuses),
    submittedAt: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    reopenReason: z.string().nullable(),
  })
  .passthrough()
  .openapi('RectificationItem');

const Detail = z
  .object({
    review: Review,
    partner: z.object({ id: z.uuid(), legalName: z.string(), status: z.string() }),
    items: z.array(Item.extend({ overdue: z.boolean(), evidence: z.array(Evidence) })),
  })
  .openapi('QuarterlyReviewDetail');

const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const ok = <T extends z.ZodType>(schema: T, description = 'Done') => ({
  200: { description, content: { 'application/json': { schema } } },
});

const list = createRoute({
  method: 'get',
  path: '/v1/reviews',
  ...sessionOnly,
  tags,
  summary: 'Quarterly reviews (staff: all, filterable; partners: their own finalised reviews)',
  request: {
    query: z.object({
      quarter: quarter.optional(),
      status: z.enum(reviewStatuses).optional(),
      decision: z.enum(reviewDecisions).optional(),
      partnerId: z.string().max(100).optional(),
      page: pageNumber().optional(),
      pageSize: pageSize(100).optional(),
    }),
  },
  responses: {
    ...ok(
      z.object({
        items: z.array(
          Review.extend({
            partnerName: z.string(),
            openItems: z.number().int(),
            overdueItems: z.number().int(),
          }),
        ),
        quarters: z.array(z.string()),
        ...PageMeta,
      }),
      'A page of reviews',
    ),
    ...errorResponses(401, 403, 422),
  },
});

const draft = createRoute({
  method: 'post',
  path: '/v1/reviews/drafts',
  ...sessionOnly,
  tags,
  summary:
    'Draft the reviews of an ended quarter for every active partner (idempotent; risk officers, admins)',
  request: jsonBody(z.object({ quarter })),
  responses: {
    ...ok(z.object({ quarter, created: z.number().int(), existing: z.number().int() }), 'Drafted'),
    ...errorResponses(401, 403, 409, 422),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/v1/reviews/{id}',
  ...sessionOnly,
  tags,
  summary: 'A review with its scorecard snapshot, rectification items and evidence',
  request: { params: IdParam },
  responses: { ...ok(Detail, 'The review'), ...errorResponses(401, 403, 404) },
});

const CompleteBody = z.object({
  comments: longText(10_000).optional(),
  decision: z.enum(reviewDecisions).nullable().optional(),
  items: z
    .array(
      z.object({ description: longText(2000), dueDate: calendarDate().openapi({ example: '2026-12-31' }) }),
    )
    .max(50)
    .optional()
    .openapi({ description: 'Replaces the draft’s rectification items.' }),
});

const save = createRoute({
  method: 'put',
  path: '/v1/reviews/{id}',
  ...sessionOnly,
  tags,
  summary: 'Save a draft’s comments, decision and rectification items',
  request: { params: IdParam, ...jsonBody(CompleteBody) },
  responses: { ...ok(Review, 'Saved'), ...errorResponses(401, 403, 404, 409, 422) },
});

const action = <R extends object>(path: string, summary: string, request: R) =>
  createRoute({
    method: 'post',
    path,
    ...sessionOnly,
    tags,
    summary,
    request: { params: IdParam, ...request },
    responses: { ...ok(z.object({}).passthrough()), ...errorResponses(401, 403, 404, 409, 422) },
  });

const finalise = action(
  '/v1/reviews/{id}/finalise',
  'Finalise a draft (fields given are saved first); the partner is notified; a suspension suspends the partner',
  jsonBody(CompleteBody),
);
const acknowledge = action(
  '/v1/reviews/{id}/acknowledge',
  'The partner acknowledges its finalised review',
  {},
);
const appeal = action(
  '/v1/reviews/{id}/appeal',
  'The partner appeals its finalised review once, with a reason (the risk officers’ Slack channel is told)',
  jsonBody(z.object({ reason: longText(5000) })),
);
const answer = action(
  '/v1/reviews/{id}/appeal-answer',
  'Staff answer an appeal: upheld (the decision stands) or overturned (back to draft)',
  jsonBody(z.object({ outcome: z.enum(appealOutcomes), response: longText(5000) })),
);

const upload = createRoute({
  method: 'post',
  path: '/v1/rectification-items/{id}/evidence',
  ...sessionOnly,
  tags,
  summary: 'The partner uploads an evidence file for an open item (PDF, PNG, JPEG, DOCX, XLSX by content)',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: Evidence } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});
const submit = action(
  '/v1/rectification-items/{id}/submit',
  'The partner submits an item for verification',
  {},
);
const verify = action(
  '/v1/rectification-items/{id}/verify',
  'Staff verify a submitted item: it is closed',
  {},
);
const reopen = action(
  '/v1/rectification-items/{id}/reopen',
  'Staff reopen a submitted or closed item with a reason',
  jsonBody(z.object({ reason: longText(2000) })),
);

const download = createRoute({
  method: 'get',
  path: '/v1/rectification-evidence/{id}/file',
  ...sessionOnly,
  tags,
  summary: 'Download an evidence file (its partner and staff only), always as an attachment',
  request: { params: IdParam },
  responses: { 200: { description: 'The file' }, ...errorResponses(401, 404) },
});

export function reviewRoutes(app: ApiApp, { db, storage, maxUploadBytes }: ApiDeps) {
  /**
   * Registers a route whose answer is 200 with what its service returns, as JSON. (A generic
   * handler cannot be checked against each route's own response map, hence the cast; the
   * constraint keeps it to routes that declare a 200.)
   */
  const answer200 = <R extends RouteConfig & { responses: { 200: object } }>(
    route: R,
    run: (actor: Actor, c: Parameters<RouteHandler<R, ApiEnv>>[0]) => Promise<unknown>,
  ) => app.openapi(route, async (c) => c.json(json(await run(requireActor(c), c)), 200) as never);
  const id = (c: { req: { valid(target: 'param'): { id: string } } }) => c.req.valid('param').id;

  answer200(list, (actor, c) => listReviews(db, actor, c.req.valid('query')));
  answer200(draft, (actor, c) => draftQuarterlyReviews(db, c.req.valid('json').quarter, actor));
  answer200(detail, (actor, c) => getReview(db, actor, id(c)));
  answer200(save, (actor, c) => saveReviewDraft(db, actor, { ...c.req.valid('json'), reviewId: id(c) }));
  answer200(finalise, (actor, c) => finaliseReview(db, actor, { ...c.req.valid('json'), reviewId: id(c) }));
  answer200(acknowledge, (actor, c) => acknowledgeReview(db, actor, id(c)));
  answer200(appeal, (actor, c) => appealReview(db, actor, { ...c.req.valid('json'), reviewId: id(c) }));
  answer200(answer, (actor, c) => answerAppeal(db, actor, { ...c.req.valid('json'), reviewId: id(c) }));

  app.use('/v1/rectification-items/:id/evidence', uploadLimit(maxUploadBytes));
  app.openapi(upload, async (c) => {
    const file = requireFile((c.req.valid('form') as { file?: unknown }).file);
    const evidence = await uploadRectificationEvidence(
      db,
      requireActor(c),
      storage,
      {
        itemId: c.req.valid('param').id,
        fileName: file.name || 'evidence',
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
      { maxBytes: maxUploadBytes },
    );
    return c.json(json(evidence), 201);
  });
  answer200(submit, (actor, c) => submitRectificationItem(db, actor, id(c)));
  answer200(verify, (actor, c) => verifyRectificationItem(db, actor, id(c)));
  answer200(reopen, (actor, c) =>
    reopenRectificationItem(db, actor, { ...c.req.valid('json'), itemId: id(c) }),
  );
  app.openapi(download, async (c) => {
    const file = await readRectificationEvidence(db, requireActor(c), storage, c.req.valid('param').id);
    return attachmentResponse(c, file);
  });
}
