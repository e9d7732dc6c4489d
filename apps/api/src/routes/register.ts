import { createRoute, z } from '@hono/zod-openapi';
import { pageNumber, pageSize, registerEntry, registerPage, requiredFields } from '@outpost/core';
import { contractStatuses, criticalities, serviceCategories } from '@outpost/db';
import { staffKeyOrSession } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { json } from '../json.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { errorResponses, IdParam, PageMeta } from '../schemas.ts';

const requiredField = z.enum(requiredFields as [string, ...string[]]);
const day = z
  .string()
  .nullable()
  .openapi({ description: 'YYYY-MM-DD (China Standard Time); null: not known.' });
const text = z.string().nullable();

/** One arrangement of the register (decision record 052): every field, null where not known. */
const ArrangementRecord = z
  .object({
    contractId: z.uuid(),
    partnerId: z.uuid(),
    reference: z.string(),
    contractStatus: z.enum(contractStatuses),
    serviceCategory: z.enum(serviceCategories),
    providerName: z.string(),
    creditCode: z.string(),
    lei: text,
    registeredAddress: text,
    parentCompany: text,
    providerCountry: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    renewalDate: day,
    noticeDays: z.number().int(),
    partnerNoticeDays: z.number().int().nullable(),
    noticeDeadline: z.string(),
    governingLaw: text,
    annualValueCents: z.number().int().nullable(),
    currency: z.string(),
    functionDescription: text,
    dataDescription: text,
    personalData: z.boolean().nullable(),
    personalDataKinds: z.array(z.string()),
    serviceCountries: z.array(z.string()),
    dataCountries: z.array(z.string()),
    criticality: z.enum(criticalities),
    criticalityReason: text,
    criticalityAssessedOn: day,
    riskAssessedOn: day,
    riskAssessmentResult: text,
    approvedBy: z.array(z.string()),
    approvedOn: day,
    lastAuditOn: day,
    nextAuditOn: day,
    subcontractors: z
      .array(z.object({ name: z.string(), country: z.string(), function: z.string() }))
      .nullable(),
    substitutability: text,
    exitPossibility: text,
    exitNotes: text,
    discontinuationImpact: text,
    alternativeProviders: z.array(z.string()),
    timeCritical: z.boolean().nullable(),
    rtoHours: z.number().nullable(),
    rpoHours: z.number().nullable(),
    regulatorNotifiedOn: day,
    lastReview: z
      .object({ quarter: z.string(), grade: z.string().nullable(), finalisedOn: z.string().nullable() })
      .nullable(),
    lastExecution: z
      .object({
        period: z.string(),
        deviation: z.number().nullable(),
        missed: z.number(),
        measured: z.number(),
      })
      .nullable(),
    inherited: z.array(z.string()).openapi({
      description: 'Fields taken from the partner’s register record because the contract’s is silent.',
    }),
  })
  .openapi('ArrangementRecord');

const Arrangement = z
  .object({
    record: ArrangementRecord,
    missing: z.array(requiredField).openapi({
      description: 'The required register fields this arrangement still lacks (by its criticality).',
    }),
    complete: z.boolean().openapi({ description: 'True when nothing required is missing.' }),
  })
  .openapi('Arrangement');

const list = createRoute({
  method: 'get',
  path: '/v1/register/arrangements',
  operationId: 'listRegisterArrangements',
  ...staffKeyOrSession('register:read'),
  tags: ['Register'],
  summary:
    'The register of outsourcing arrangements in force, with completeness flags, filtered as the portal’s register page (staff keys with register:read, or staff)',
  description:
    'Arrangements in force today (China Standard Time) in reference order, one page at a time. `complete`, `incomplete` and `missingCounts` count every arrangement matching the filters; `inForce` counts all, unfiltered. A partner’s API key or session is refused (403 forbidden). Reading is not audited (the portal’s DORA and EBA exports are).',
  request: {
    query: z.object({
      criticality: z.enum(criticalities).optional(),
      category: z.enum(serviceCategories).optional(),
      completeness: z.enum(['complete', 'incomplete']).optional(),
      missing: requiredField.optional().openapi({ description: 'Only arrangements lacking this field.' }),
      q: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: 'Part of the reference, provider name or credit code.' }),
      page: pageNumber().optional(),
      pageSize: pageSize(200).optional().openapi({ description: '1–200; default 50.' }),
    }),
  },
  responses: {
    200: {
      description: 'A page of arrangements',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(Arrangement),
            ...PageMeta,
            inForce: z.number().int(),
            complete: z.number().int(),
            incomplete: z.number().int(),
            missingCounts: z.record(z.string(), z.number().int()),
          }),
        },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

const one = createRoute({
  method: 'get',
  path: '/v1/register/arrangements/{id}',
  operationId: 'getRegisterArrangement',
  ...staffKeyOrSession('register:read'),
  tags: ['Register'],
  summary: 'One arrangement’s register record (its contract id), whatever the contract’s status',
  request: { params: IdParam },
  responses: {
    200: { description: 'The arrangement', content: { 'application/json': { schema: Arrangement } } },
    ...errorResponses(401, 403, 404),
  },
});

export function registerRoutes(app: ApiApp, { db }: ApiDeps) {
  app.openapi(list, async (c) => {
    const { category, missing, ...rest } = c.req.valid('query');
    return c.json(
      json(
        await registerPage(db, requireActor(c), {
          ...rest,
          serviceCategory: category,
          missing: missing as (typeof requiredFields)[number] | undefined,
        }),
      ),
      200,
    );
  });
  app.openapi(one, async (c) =>
    c.json(json(await registerEntry(db, requireActor(c), c.req.valid('param').id)), 200),
  );
}
