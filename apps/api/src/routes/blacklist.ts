import { createRoute, z } from '@hono/zod-openapi';
import {
  addToBlacklist,
  blacklistCsv,
  listBlacklist,
  previewBlacklist,
  removeFromBlacklist,
} from '@outpost/core';
import { criticalities, partnerStatuses } from '@outpost/db';
import { LOCALE_COOKIE, readCookie } from '@outpost/auth';
import { negotiateLocale } from '@outpost/i18n';
import { sessionOnly } from '../access.ts';
import { longText, pageNumber, pageSize, shortText } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';

const Entry = z
  .object({
    id: z.uuid(),
    creditCode: z.string(),
    name: z.string(),
    reason: z.string(),
    evidence: z.string().nullable(),
    createdAt: z.string(),
    removedAt: z.string().nullable(),
    removalReason: z.string().nullable(),
  })
  .openapi('BlacklistEntry');

const list = createRoute({
  method: 'get',
  path: '/v1/blacklist',
  ...sessionOnly,
  tags: ['Blacklist'],
  summary: 'Search the Do-Not-Contract list (staff)',
  request: {
    query: z.object({
      q: z.string().max(100).optional(),
      includeRemoved: z.enum(['true', 'false']).optional(),
      page: pageNumber().optional(),
      pageSize: pageSize(500).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Entries',
      content: { 'application/json': { schema: z.object({ items: z.array(Entry), ...PageMeta }) } },
    },
    ...errorResponses(401, 403, 422),
  },
});

const csv = createRoute({
  method: 'get',
  path: '/v1/blacklist/export.csv',
  ...sessionOnly,
  tags: ['Blacklist'],
  summary: 'The list as CSV (UTF-8 with BOM, opens in Excel)',
  description:
    'Column headers in `locale` (else the language cookie, else Accept-Language, else zh-CN); times in Beijing time with their offset (+08:00).',
  request: {
    query: z.object({
      includeRemoved: z.enum(['true', 'false']).optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
    }),
  },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(401, 403),
  },
});

const AddBody = z.object({
  creditCode: z.string().max(64),
  name: shortText(200),
  reason: longText(2000),
  evidence: longText(4000).optional(),
  partnerReason: longText(2000)
    .optional()
    .openapi({ description: 'What a suspended partner is told (defaults to the reason)' }),
  confirmed: z
    .boolean()
    .optional()
    .openapi({ description: 'Required when the code matches partners (see POST /v1/blacklist/preview)' }),
});

const Match = z
  .object({
    id: z.uuid(),
    legalName: z.string(),
    creditCode: z.string(),
    status: z.enum(partnerStatuses),
    criticality: z.enum(criticalities),
    openApplications: z.number().int(),
  })
  .openapi('BlacklistMatch');

const preview = createRoute({
  method: 'post',
  path: '/v1/blacklist/preview',
  ...sessionOnly,
  tags: ['Blacklist'],
  summary:
    'What adding an entry would do: the partners with that credit code it suspends, and their open applications',
  request: { body: { required: true, content: { 'application/json': { schema: AddBody } } } },
  responses: {
    200: {
      description: 'The impact; nothing is changed',
      content: {
        'application/json': {
          schema: z.object({
            creditCode: z.string(),
            name: z.string(),
            reason: z.string(),
            matches: z.array(Match),
          }),
        },
      },
    },
    ...errorResponses(401, 403, 409, 422),
  },
});

const add = createRoute({
  method: 'post',
  path: '/v1/blacklist',
  ...sessionOnly,
  tags: ['Blacklist'],
  summary:
    'Add an entity. A partner with that credit code is suspended and told why; without confirmed: true such an add answers 409 with the matches',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: AddBody } },
    },
  },
  responses: {
    201: {
      description: 'Added',
      content: {
        'application/json': { schema: z.object({ entry: Entry, suspendedPartnerIds: z.array(z.uuid()) }) },
      },
    },
    ...errorResponses(401, 403, 409, 422),
  },
});

const remove = createRoute({
  method: 'post',
  path: '/v1/blacklist/{id}/remove',
  ...sessionOnly,
  tags: ['Blacklist'],
  summary: 'Remove an entry, with a reason (administrators)',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ reason: longText(2000) }) } },
    },
  },
  responses: {
    200: { description: 'Removed', content: { 'application/json': { schema: Entry } } },
    ...errorResponses(401, 403, 404, 422),
  },
});

export function blacklistRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      json(await listBlacklist(db, requireActor(c), { ...q, includeRemoved: q.includeRemoved === 'true' })),
      200,
    );
  });
  app.openapi(csv, async (c) => {
    const query = c.req.valid('query');
    const locale =
      query.locale ??
      negotiateLocale(readCookie(c.req.header('cookie'), LOCALE_COOKIE), c.req.header('accept-language'));
    const body = await blacklistCsv(db, requireActor(c), query.includeRemoved === 'true', locale);
    c.header('Content-Disposition', 'attachment; filename="blacklist.csv"');
    return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
  app.openapi(preview, async (c) =>
    c.json(await previewBlacklist(db, requireActor(c), c.req.valid('json')), 200),
  );
  app.openapi(add, async (c) =>
    c.json(json(await addToBlacklist(db, requireActor(c), c.req.valid('json'))), 201),
  );
  app.openapi(remove, async (c) =>
    c.json(
      json(
        await removeFromBlacklist(db, requireActor(c), {
          entryId: c.req.valid('param').id,
          reason: c.req.valid('json').reason,
        }),
      ),
      200,
    ),
  );
}
