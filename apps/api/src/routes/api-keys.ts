import { createRoute, z } from '@hono/zod-openapi';
import { createApiKey, listApiKeys, revokeApiKey } from '@outpost/core';
import { apiKeyScopes, partnerKeyScopes } from '@outpost/db';
import { sessionOnly } from '../access.ts';
import { shortText } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(apiKeyScopes)),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

const list = createRoute({
  method: 'get',
  path: '/v1/api-keys',
  ...sessionOnly,
  tags: ['API keys'],
  summary: 'Your organisation’s API keys (partner administrators)',
  responses: {
    200: {
      description: 'Keys',
      content: { 'application/json': { schema: z.object({ items: z.array(ApiKey) }) } },
    },
    ...errorResponses(401, 403),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/api-keys',
  ...sessionOnly,
  tags: ['API keys'],
  summary: 'Create a key for one of your systems; the key is shown once',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ name: shortText(100), scopes: z.array(z.enum(partnerKeyScopes)).max(10) }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: z.object({ key: z.string(), apiKey: ApiKey }) } },
    },
    ...errorResponses(401, 403, 422),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/v1/api-keys/{keyId}',
  ...sessionOnly,
  tags: ['API keys'],
  summary: 'Revoke a key; it stops working at once',
  request: {
    params: z.object({
      keyId: z
        .string()
        .max(100)
        .openapi({ param: { name: 'keyId', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: ApiKey } } },
    ...errorResponses(401, 403, 404),
  },
});

export function apiKeyRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => c.json(json({ items: await listApiKeys(db, requireActor(c)) }), 200));
  app.openapi(create, async (c) =>
    c.json(json(await createApiKey(db, requireActor(c), c.req.valid('json'))), 201),
  );
  app.openapi(revoke, async (c) =>
    c.json(json(await revokeApiKey(db, requireActor(c), c.req.valid('param').keyId)), 200),
  );
}
