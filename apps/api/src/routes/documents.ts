import { createRoute, z } from '@hono/zod-openapi';
import {
  listDocuments,
  listRequirements,
  readDocumentFile,
  reviewDocument,
  saveRequirement,
  uploadDocument,
} from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { attachmentResponse } from '../attachment.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam } from '../schemas.ts';
import { requireFile, uploadLimit } from '../upload.ts';

const Requirement = z
  .object({
    id: z.uuid(),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    serviceCategories: z.array(z.enum(serviceCategories)),
    expires: z.boolean(),
    validityMonths: z.number().int().nullable(),
    mandatory: z.boolean(),
    active: z.boolean(),
  })
  .openapi('Requirement');

const Version = z.object({
  version: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

const Document = z
  .object({
    id: z.uuid(),
    requirementId: z.uuid(),
    status: z.enum(['submitted', 'accepted', 'rejected', 'expired']),
    currentVersion: z.number().int(),
    issueDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    versions: z.array(Version).optional(),
  })
  .openapi('Document');

const requirements = createRoute({
  method: 'get',
  path: '/v1/requirements',
  tags: ['Documents'],
  summary: 'The catalogue of qualification documents per service category',
  responses: {
    200: {
      description: 'Requirements',
      content: { 'application/json': { schema: z.object({ items: z.array(Requirement) }) } },
    },
    ...errorResponses(401),
  },
});

const saveRequirementRoute = createRoute({
  method: 'put',
  path: '/v1/requirements/{key}',
  tags: ['Documents'],
  summary: 'Create or update a requirement (staff administrators)',
  request: {
    params: z.object({ key: z.string().openapi({ param: { name: 'key', in: 'path' } }) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            nameZh: z.string(),
            nameEn: z.string(),
            serviceCategories: z.array(z.enum(serviceCategories)).optional(),
            expires: z.boolean().optional(),
            validityMonths: z.number().int().nullable().optional(),
            mandatory: z.boolean().optional(),
            active: z.boolean().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: Requirement } } },
    ...errorResponses(401, 403, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/partners/{id}/documents',
  tags: ['Documents'],
  summary: 'A partner’s documents with their versions',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Documents',
      content: { 'application/json': { schema: z.object({ items: z.array(Document) }) } },
    },
    ...errorResponses(401, 404),
  },
});

const upload = createRoute({
  method: 'post',
  path: '/v1/documents',
  tags: ['Documents'],
  summary:
    'Upload a document (a new version if one exists). Type is decided by content: PDF, PNG, JPEG, DOCX, XLSX.',
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            requirementId: z.string(),
            issueDate: z.string().optional(),
            expiryDate: z.string().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored',
      content: { 'application/json': { schema: z.object({ document: Document, version: Version }) } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const download = createRoute({
  method: 'get',
  path: '/v1/documents/{id}/file',
  tags: ['Documents'],
  summary:
    'Download the current (or a given) version: as an attachment, or inline (PDF, PNG, JPEG only) for a preview',
  request: {
    params: IdParam,
    query: z.object({
      version: z.coerce.number().int().min(1).max(2147483647).optional(),
      disposition: z.enum(['attachment', 'inline']).optional().openapi({
        description: '`inline` shows PDFs and images in the browser; other types are always attachments.',
      }),
    }),
  },
  responses: { 200: { description: 'The file' }, ...errorResponses(401, 404) },
});

const review = createRoute({
  method: 'post',
  path: '/v1/documents/{id}/review',
  tags: ['Documents'],
  summary: 'Accept or reject the current version (reviewers); a rejection needs a reason',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ decision: z.enum(['accept', 'reject']), reason: z.string().optional() }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Reviewed', content: { 'application/json': { schema: Document } } },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

export function documentRoutes(app: ApiApp, { db, storage, maxUploadBytes }: ApiDeps) {
  app.openapi(requirements, async (c) =>
    c.json(json({ items: await listRequirements(db, requireActor(c)) }), 200),
  );
  app.openapi(saveRequirementRoute, async (c) =>
    c.json(
      json(
        await saveRequirement(db, requireActor(c), { ...c.req.valid('json'), key: c.req.valid('param').key }),
      ),
      200,
    ),
  );
  app.openapi(list, async (c) =>
    c.json(json({ items: await listDocuments(db, requireActor(c), c.req.valid('param').id) }), 200),
  );

  // Uploads get their own limit (the global body limit is small): the file plus form overhead.
  app.use('/v1/documents', uploadLimit(maxUploadBytes));
  app.openapi(upload, async (c) => {
    const form = c.req.valid('form') as {
      file?: unknown;
      requirementId: string;
      issueDate?: string;
      expiryDate?: string;
    };
    const file = requireFile(form.file);
    const result = await uploadDocument(
      db,
      requireActor(c),
      storage,
      {
        requirementId: form.requirementId,
        fileName: file.name || 'document',
        bytes: new Uint8Array(await file.arrayBuffer()),
        issueDate: form.issueDate || undefined,
        expiryDate: form.expiryDate || undefined,
      },
      { maxBytes: maxUploadBytes },
    );
    return c.json(json(result), 201);
  });
  app.openapi(download, async (c) => {
    const file = await readDocumentFile(
      db,
      requireActor(c),
      storage,
      c.req.valid('param').id,
      c.req.valid('query').version,
    );
    return attachmentResponse(c, file, { inline: c.req.valid('query').disposition === 'inline' });
  });
  app.openapi(review, async (c) =>
    c.json(
      json(
        await reviewDocument(db, requireActor(c), {
          documentId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
      ),
      200,
    ),
  );
}
