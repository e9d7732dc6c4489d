import type { z } from 'zod';
import { AppError } from './errors.ts';
import { assertCleanInput } from './input-guard.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

/** Validates with zod and turns failures into one `validation_failed` error listing each field. */
export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  assertCleanInput(raw);
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new AppError('validation_failed', 'Some fields are not valid; see details.', {
    details: {
      fields: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  });
}
