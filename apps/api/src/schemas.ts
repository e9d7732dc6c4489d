import { z } from '@hono/zod-openapi';
import { type ErrorCode, errorStatus } from '@outpost/core';
import { criticalities, partnerStatuses, serviceCategories } from '@outpost/db';

/** Every code an error body may carry: the domain's codes and internal_error (a bug on our side, 500). */
export const errorCodes = [...(Object.keys(errorStatus) as ErrorCode[]), 'internal_error'] as const;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ description: 'What went wrong and what to change, in English.' }),
      requestId: z
        .string()
        .nullable()
        .openapi({ description: 'Also in the X-Request-Id header; quote it when reporting a problem.' }),
      details: z.unknown().nullable().openapi({
        description:
          'Depends on the code. validation_failed: { fields: [{ path, message, code }] } naming each field (code: required, choose_one, too_small, too_big, too_many, in_the_past, file_required, invalid_date, invalid); 405: { allowed }; 401: { accepts, hint }.',
      }),
    }),
  })
  .openapi('Error');

/** The codes an error body of this status may carry (500: only internal_error). */
export function codesOfStatus(status: number): string[] {
  if (status === 500) return ['internal_error'];
  return Object.entries(errorStatus)
    .filter(([, s]) => s === status)
    .map(([code]) => code);
}

/**
 * The error shape of one status, its `code` limited to that status's codes (`Error401`: the codes
 * answered with 401), so a generated client knows which codes each answer may carry.
 */
const byStatus = new Map<number, z.ZodType>();
export function errorSchemaFor(status: number): z.ZodType {
  let schema = byStatus.get(status);
  if (!schema) {
    const codes = codesOfStatus(status);
    const code = codes.length > 0 ? z.enum(codes as [string, ...string[]]) : z.string();
    schema = z
      .object({
        error: z.object({
          code: code.openapi({ example: codes[0] ?? 'bad_request' }),
          message: z.string().openapi({ description: 'What went wrong and what to change, in English.' }),
          requestId: z
            .string()
            .nullable()
            .openapi({ description: 'Also in the X-Request-Id header; quote it when reporting a problem.' }),
          details: ErrorSchema.shape.error.shape.details,
        }),
      })
      .openapi(`Error${status}`);
    byStatus.set(status, schema);
  }
  return schema;
}

export const errorResponseFor = (status: number) => ({
  description: `Error (${codesOfStatus(status).join(', ') || 'see code'})`,
  content: { 'application/json': { schema: errorSchemaFor(status) } },
});

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorResponseFor(s)]));

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
    /** While suspended: why, and since when. */
    suspensionReason: z.string().nullable(),
    suspendedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Partner');

export const PageMeta = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export function partnerDto(p: {
  id: string;
  legalName: string;
  creditCode: string;
  status: (typeof partnerStatuses)[number];
  serviceCategories: (typeof serviceCategories)[number][];
  criticality: (typeof criticalities)[number];
  registeredAddress: string | null;
  contactEmail: string | null;
  suspensionReason?: string | null;
  suspendedAt?: Date | null;
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
    suspensionReason: p.suspensionReason ?? null,
    suspendedAt: p.suspendedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}
