import { z } from '@hono/zod-openapi';
import { criticalities, partnerStatuses, serviceCategories } from '@outpost/db';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      requestId: z.string().nullable(),
      details: z.unknown().nullable(),
    }),
  })
  .openapi('Error');

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Error', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );

export const PartnerSchema = z
  .object({
    id: z.uuid(),
    legalName: z.string(),
    creditCode: z.string().openapi({ example: '91440300708461136T' }),
    status: z.enum(partnerStatuses),
    serviceCategories: z.array(z.enum(serviceCategories)),
    criticality: z.enum(criticalities),
    registeredAddress: z.string().nullable(),
    contactEmail: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Partner');

export const PageMeta = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export function partnerDto(p: {
  id: string;
  legalName: string;
  creditCode: string;
  status: (typeof partnerStatuses)[number];
  serviceCategories: (typeof serviceCategories)[number][];
  criticality: (typeof criticalities)[number];
  registeredAddress: string | null;
  contactEmail: string | null;
  createdAt: Date;
}) {
  return {
    id: p.id,
    legalName: p.legalName,
    creditCode: p.creditCode,
    status: p.status,
    serviceCategories: p.serviceCategories,
    criticality: p.criticality,
    registeredAddress: p.registeredAddress,
    contactEmail: p.contactEmail,
    createdAt: p.createdAt.toISOString(),
  };
}
