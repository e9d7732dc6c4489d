import { createRoute, z } from '@hono/zod-openapi';
import {
  advanceApplication,
  attachThirdPartyReport,
  castVote,
  getApplication,
  listApplications,
  readThirdPartyReport,
  recordAssessment,
  recordInspection,
  recordPilot,
  returnApplication,
  submitApplication,
  withdrawApplication,
} from '@outpost/core';
import { admissionStages, serviceCategories } from '@outpost/db';
import { attachmentResponse } from '../attachment.ts';
import { keyOrSession, sessionOnly } from '../access.ts';
import { calendarDate, longText, pageNumber, personName, rowId, score100, shortText } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';
import { requireFile, uploadLimit } from '../upload.ts';

const Application = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    serviceCategories: z.array(z.enum(serviceCategories)),
    status: z.enum(['in_progress', 'approved', 'rejected', 'withdrawn']),
    stage: z.enum(admissionStages),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('Application');

const Detail = z
  .object({
    application: Application,
    partner: z.object({ id: z.uuid(), legalName: z.string() }).passthrough(),
    timeline: z.array(
      z
        .object({
          kind: z.string(),
          fromStage: z.string().nullable(),
          toStage: z.string().nullable(),
          reason: z.string().nullable(),
          actorName: z.string().nullable(),
          at: z.string(),
        })
        .passthrough(),
    ),
    inspection: z.object({}).passthrough().nullable(),
    pilot: z.object({}).passthrough().nullable(),
    staff: z
      .object({
        assessment: z.object({}).passthrough().nullable(),
        weightedScore: z.number().nullable(),
        votes: z.array(z.object({}).passthrough()),
        tally: z.object({}).passthrough().nullable(),
      })
      .passthrough()
      .nullable()
      .openapi({
        description: 'Only for staff: assessment, weighted score, votes and tally. Null for partners.',
      }),
  })
  .openapi('ApplicationDetail');

const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const Done = {
  200: {
    description: 'Done',
    content: { 'application/json': { schema: z.object({ ok: z.boolean() }).passthrough() } },
  },
};
const post = <R extends object>(path: string, summary: string, request: R) =>
  createRoute({
    method: 'post',
    path: `/v1/applications/{id}/${path}`,
    ...sessionOnly,
    tags: ['Admission'],
    summary,
    request: { params: IdParam, ...request },
    responses: { ...Done, ...errorResponses(401, 403, 404, 409, 422) },
  });

const submit = createRoute({
  method: 'post',
  path: '/v1/applications',
  ...sessionOnly,
  tags: ['Admission'],
  summary:
    'Submit an admission application (partner administrators, once every required document is uploaded)',
  request: jsonBody(z.object({ serviceCategories: z.array(z.enum(serviceCategories)) })),
  responses: {
    201: { description: 'Submitted', content: { 'application/json': { schema: Application } } },
    ...errorResponses(401, 403, 409, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/applications',
  ...keyOrSession('documents'),
  tags: ['Admission'],
  summary: 'Applications (staff: all; partners: their own)',
  request: {
    query: z.object({
      status: z.enum(['in_progress', 'approved', 'rejected', 'withdrawn']).optional(),
      stage: z.enum(admissionStages).optional(),
      page: pageNumber().optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of applications',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(z.object({ application: Application, partnerName: z.string() }).passthrough()),
            ...PageMeta,
          }),
        },
      },
    },
    ...errorResponses(401, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/applications/{id}',
  ...keyOrSession('documents'),
  tags: ['Admission'],
  summary: 'An application with its timeline (and, for staff, assessment and votes)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The application', content: { 'application/json': { schema: Detail } } },
    ...errorResponses(401, 404),
  },
});

const score = score100();
const advance = post('advance', 'Move to the next stage once this stage is complete (reviewers)', {});
const inspection = post(
  'inspection',
  'Record the on-site inspection',
  jsonBody(
    z.object({
      inspectedOn: calendarDate(),
      inspectors: z.array(personName()).max(50),
      findings: longText(10_000),
      score,
    }),
  ),
);
const pilot = post(
  'pilot',
  'Record the pilot cooperation',
  jsonBody(z.object({ startsOn: calendarDate(), endsOn: calendarDate(), outcome: longText(10_000), score })),
);
const assessment = post(
  'assessment',
  'Record the four-dimension assessment (0–100 each) and an optional third-party report',
  jsonBody(
    z.object({
      financial: score,
      capability: score,
      compliance: score,
      reputation: score,
      thirdPartyAssessor: shortText(200).optional(),
      thirdPartyScore: score.optional(),
      thirdPartyReportVersionId: rowId().optional(),
    }),
  ),
);
const reportPath = '/v1/applications/{id}/assessment/report';
const attachReport = createRoute({
  method: 'post',
  path: reportPath,
  ...sessionOnly,
  tags: ['Admission'],
  summary:
    'Attach the third-party assessment report (staff; internal, never shown to the partner), with the assessor and score. Type is decided by content: PDF, PNG, JPEG, DOCX, XLSX.',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            assessor: shortText(200).optional(),
            score: z.string().max(20).optional().openapi({ description: 'An integer from 0 to 100' }),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Attached',
      content: {
        'application/json': {
          schema: z.object({
            fileName: z.string(),
            contentType: z.string(),
            sizeBytes: z.number().int(),
            sha256: z.string(),
            uploadedAt: z.string(),
          }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});
const downloadReport = createRoute({
  method: 'get',
  path: reportPath,
  ...sessionOnly,
  tags: ['Admission'],
  summary: 'Download the third-party assessment report (staff only), always as an attachment',
  request: { params: IdParam },
  responses: { 200: { description: 'The file' }, ...errorResponses(401, 404) },
});

const returnTo = post(
  'return',
  'Return to an earlier stage, with a reason',
  jsonBody(z.object({ stage: z.enum(admissionStages), reason: longText(2000) })),
);
const withdraw = post(
  'withdraw',
  'Withdraw the application (the partner)',
  jsonBody(z.object({ reason: longText(2000).optional() })),
);
const vote = post(
  'votes',
  'Cast your committee vote (approve / reject with a reason / abstain)',
  jsonBody(z.object({ vote: z.enum(['approve', 'reject', 'abstain']), reason: longText(2000).optional() })),
);

/** A multipart text field as a number: blank is "not given", anything else goes to core to validate. */
const optionalNumber = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : undefined;
const optionalString = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export function applicationRoutes(app: ApiApp, { db, storage, maxUploadBytes }: ApiDeps) {
  app.openapi(submit, async (c) =>
    c.json(json(await submitApplication(db, requireActor(c), c.req.valid('json'))), 201),
  );
  app.openapi(list, async (c) =>
    c.json(json(await listApplications(db, requireActor(c), c.req.valid('query'))), 200),
  );
  app.openapi(get, async (c) =>
    c.json(json(await getApplication(db, requireActor(c), c.req.valid('param').id)), 200),
  );
  app.openapi(advance, async (c) =>
    c.json(
      { ok: true, application: json(await advanceApplication(db, requireActor(c), c.req.valid('param').id)) },
      200,
    ),
  );
  app.openapi(inspection, async (c) => {
    await recordInspection(db, requireActor(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true }, 200);
  });
  app.openapi(pilot, async (c) => {
    await recordPilot(db, requireActor(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true }, 200);
  });
  app.openapi(assessment, async (c) => {
    await recordAssessment(db, requireActor(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true }, 200);
  });
  // The report upload has its own limit, like document uploads (app.ts skips the general one here).
  app.use('/v1/applications/:id/assessment/report', uploadLimit(maxUploadBytes));
  app.openapi(attachReport, async (c) => {
    const form = c.req.valid('form') as { file?: unknown; assessor?: unknown; score?: unknown };
    const file = requireFile(form.file);
    const result = await attachThirdPartyReport(
      db,
      requireActor(c),
      storage,
      c.req.valid('param').id,
      {
        fileName: file.name || 'report',
        bytes: new Uint8Array(await file.arrayBuffer()),
        assessor: optionalString(form.assessor),
        score: optionalNumber(form.score),
      },
      { maxBytes: maxUploadBytes },
    );
    return c.json(json(result), 201);
  });
  app.openapi(downloadReport, async (c) => {
    const file = await readThirdPartyReport(db, requireActor(c), storage, c.req.valid('param').id);
    return attachmentResponse(c, file);
  });
  app.openapi(returnTo, async (c) =>
    c.json(
      {
        ok: true,
        application: json(
          await returnApplication(db, requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        ),
      },
      200,
    ),
  );
  app.openapi(withdraw, async (c) =>
    c.json(
      {
        ok: true,
        application: json(
          await withdrawApplication(db, requireActor(c), c.req.valid('param').id, c.req.valid('json').reason),
        ),
      },
      200,
    ),
  );
  app.openapi(vote, async (c) => {
    const result = await castVote(db, requireActor(c), {
      applicationId: c.req.valid('param').id,
      ...c.req.valid('json'),
      via: 'web',
    });
    return c.json({ ok: true, ...result }, 200);
  });
}
