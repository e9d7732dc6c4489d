import type { z } from 'zod';
import { AppError } from './errors.ts';
import { assertCleanInput } from './input-guard.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

/**
 * What is wrong with one field, in a form every transport can word for its reader
 * (decision record 025): the portal shows "<label>: <what to do>" from `code`, API
 * clients read the English `message`.
 */
export type FieldIssueCode =
  | 'required'
  | 'choose_one'
  | 'too_small'
  | 'too_big'
  | 'too_many'
  | 'in_the_past'
  | 'file_required'
  | 'invalid_date'
  | 'invalid';

export interface FieldIssue {
  path: string;
  message: string;
  code: FieldIssueCode;
  min?: number;
  max?: number;
}

/** Our code for one zod issue (the wire code, not zod's, so a zod upgrade cannot change it). */
export function fieldIssueOf(issue: z.core.$ZodIssue): FieldIssue {
  const base = { path: issue.path.join('.'), message: issue.message };
  // An empty or missing value is "fill this in" whatever rule it then fails (needs reportInput).
  if (issue.input === undefined || issue.input === null || issue.input === '') {
    if (issue.code === 'too_small' && (issue.origin === 'array' || issue.origin === 'set')) {
      return { ...base, code: 'choose_one', min: Number(issue.minimum) };
    }
    if ('input' in issue) return { ...base, code: 'required' };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { ...base, code: 'invalid' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return { ...base, code: 'choose_one', min };
      return min <= 1 ? { ...base, code: 'required' } : { ...base, code: 'too_small', min };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return { ...base, code: 'too_many', max };
      return { ...base, code: 'too_big', max };
    }
    case 'invalid_format':
      return { ...base, code: issue.format === 'date' ? 'invalid_date' : 'invalid' };
    default:
      return { ...base, code: 'invalid' };
  }
}

/** Validates with zod and turns failures into one `validation_failed` error listing each field. */
export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  assertCleanInput(raw);
  // reportInput lets fieldIssueOf tell an empty field from a wrong one; the input itself is not passed on.
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError('validation_failed', 'Some fields are not valid; see details.', {
    details: { fields: result.error.issues.map(fieldIssueOf) },
  });
}
