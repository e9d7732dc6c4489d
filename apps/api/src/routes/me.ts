import { createRoute, z } from '@hono/zod-openapi';
import { permissionsOf } from '@outpost/core';
import type { ApiApp } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const me = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['Account'],
  summary: 'The signed-in person, their organisation and permissions',
  responses: {
    200: {
      description: 'You',
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.uuid(),
              kind: z.enum(['partner', 'staff']),
              email: z.string(),
              displayName: z.string(),
              locale: z.enum(['zh-CN', 'en']),
              staffRoles: z.array(z.string()),
              partner: z.object({ id: z.uuid(), legalName: z.string(), role: z.string() }).nullable(),
              permissions: z.array(z.string()),
            })
            .openapi('Me'),
        },
      },
    },
    ...errorResponses(401),
  },
});

export function meRoutes(app: ApiApp) {
  app.openapi(me, (c) => {
    const actor = requireActor(c);
    const person = c.get('person')!;
    return c.json(
      {
        id: person.user.id,
        kind: person.user.kind,
        email: person.user.email,
        displayName: person.user.displayName,
        locale: person.user.locale,
        staffRoles: person.user.staffRoles,
        partner:
          person.partner && actor.type === 'partner'
            ? { id: person.partner.id, legalName: person.partner.legalName, role: actor.role }
            : null,
        permissions: [...permissionsOf(actor)].sort(),
      },
      200,
    );
  });
}
