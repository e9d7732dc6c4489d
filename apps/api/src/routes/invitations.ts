import { createRoute, z } from '@hono/zod-openapi';
import { hashPassword, passwordProblem, sessionCookie, sessionExpiresAt, createSession } from '@outpost/auth';
import { acceptInvitation, inviteColleague, invitePartner, previewInvitation } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { open, sessionOnly } from '../access.ts';
import { emailAddress, personName, shortText } from '@outpost/core';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses } from '../schemas.ts';

const Issued = z
  .object({ invitationId: z.string(), acceptUrl: z.string(), expiresAt: z.string() })
  .openapi('Invitation');
const TokenParam = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const invitePartnerRoute = createRoute({
  method: 'post',
  path: '/v1/invitations/partners',
  ...sessionOnly,
  tags: ['Admission'],
  summary:
    'Invite a partner organisation (staff): registers it and e-mails its administrator a single-use link',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            legalName: shortText(200),
            creditCode: z.string().max(64),
            serviceCategories: z.array(z.enum(serviceCategories)).max(10),
            contactEmail: emailAddress(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Invited',
      content: { 'application/json': { schema: z.object({ partnerId: z.uuid(), invitation: Issued }) } },
    },
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

const inviteColleagueRoute = createRoute({
  method: 'post',
  path: '/v1/invitations/colleagues',
  ...sessionOnly,
  tags: ['Admission'],
  summary: 'Invite a colleague into your own partner organisation (partner administrators)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            email: emailAddress(),
            role: z.enum(['partner_admin', 'partner_member']).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Invited', content: { 'application/json': { schema: Issued } } },
    ...errorResponses(401, 403, 409, 422),
  },
});

const previewRoute = createRoute({
  method: 'get',
  path: '/v1/invitations/{token}',
  ...open,
  tags: ['Admission'],
  summary: 'What an invitation link is for (no sign-in needed)',
  request: { params: TokenParam },
  responses: {
    200: {
      description: 'The invitation',
      content: {
        'application/json': {
          schema: z.object({
            email: z.string(),
            role: z.string(),
            partnerName: z.string(),
            expiresAt: z.string(),
          }),
        },
      },
    },
    ...errorResponses(404, 410),
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/v1/invitations/{token}/accept',
  ...open,
  tags: ['Admission'],
  summary: 'Accept an invitation: create the account and sign in',
  request: {
    params: TokenParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ displayName: personName(), password: z.string().max(10_000) }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Account created; session cookie set',
      content: { 'application/json': { schema: z.object({ userId: z.uuid(), partnerId: z.uuid() }) } },
    },
    ...errorResponses(404, 409, 410, 422),
  },
});

export function invitationRoutes(app: ApiApp, { db, publicUrl }: ApiDeps) {
  const issued = (i: { invitationId: string; acceptPath: string; expiresAt: Date }) => ({
    invitationId: i.invitationId,
    acceptUrl: `${publicUrl}${i.acceptPath}`,
    expiresAt: i.expiresAt.toISOString(),
  });
  app.openapi(invitePartnerRoute, async (c) => {
    const result = await invitePartner(db, requireActor(c), c.req.valid('json'));
    return c.json({ partnerId: result.partner.id, invitation: issued(result.invitation) }, 201);
  });
  app.openapi(inviteColleagueRoute, async (c) =>
    c.json(issued(await inviteColleague(db, requireActor(c), c.req.valid('json'))), 201),
  );
  app.openapi(previewRoute, async (c) => {
    const preview = await previewInvitation(db, c.req.valid('param').token);
    return c.json({ ...preview, expiresAt: preview.expiresAt.toISOString() }, 200);
  });
  app.openapi(acceptRoute, async (c) => {
    const result = await acceptInvitation(db, c.req.valid('param').token, c.req.valid('json'), {
      hash: hashPassword,
      problem: passwordProblem,
    });
    const { token, session } = await createSession(db, result.userId, {
      userAgent: c.req.header('user-agent'),
    });
    c.header('Set-Cookie', sessionCookie(token, c.req.url, sessionExpiresAt(session)));
    return c.json(result, 201);
  });
}
