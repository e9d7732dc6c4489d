import { createRoute, z } from '@hono/zod-openapi';
import { describeApiKey, permissionsOf } from '@outpost/core';
import { apiKeyScopes } from '@outpost/db';
import { keyOrSession } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const Person = z
  .object({
    kind: z.enum(['partner', 'staff']),
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    staffRoles: z.array(z.string()),
    partner: z.object({ id: z.uuid(), legalName: z.string(), role: z.string() }).nullable(),
    permissions: z.array(z.string()),
  })
  .openapi('Me');

const Key = z
  .object({
    kind: z.literal('api_key'),
    id: z
      .string()
      .openapi({ description: 'The key id (the part after opk_); the secret is never shown again.' }),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(apiKeyScopes)),
    partner: z.object({ id: z.uuid(), legalName: z.string() }),
    permissions: z.array(z.string()),
  })
  .openapi('MeApiKey');

const me = createRoute({
  method: 'get',
  path: '/v1/me',
  ...keyOrSession('documents', 'events', 'training'),
  tags: ['Account'],
  summary:
    'Who is calling: the signed-in person (organisation, roles, permissions) or the API key (partner, purposes, permissions)',
  responses: {
    200: {
      description: 'You, or your key',
      content: { 'application/json': { schema: z.union([Person, Key]) } },
    },
    ...errorResponses(401),
  },
});

export function meRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(me, async (c) => {
    const actor = requireActor(c);
    const permissions = [...permissionsOf(actor)].sort();
    if (actor.type === 'api_key') {
      const key = await describeApiKey(db, actor);
      return c.json(
        {
          kind: 'api_key' as const,
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          scopes: key.scopes,
          partner: key.partner,
          permissions,
        },
        200,
      );
    }
    const person = c.get('person');
    if (!person) throw new Error(`GET /v1/me: actor ${actor.type} without a person`);
    return c.json(
      {
        kind: person.user.kind,
        id: person.user.id,
        email: person.user.email,
        displayName: person.user.displayName,
        locale: person.user.locale,
        staffRoles: person.user.staffRoles,
        partner:
          person.partner && actor.type === 'partner'
            ? { id: person.partner.id, legalName: person.partner.legalName, role: actor.role }
            : null,
        permissions,
      },
      200,
    );
  });
}
