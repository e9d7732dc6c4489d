import { AppError } from './errors.ts';

/**
 * What no field may hold, whatever its schema says, checked before any schema runs and for
 * every transport: PostgreSQL refuses NUL in text and unpaired UTF-16 surrogates (they are
 * not encodable as UTF-8), and very deep or very large structures exhaust the process before
 * a schema could refuse them. Field-specific bounds (lengths, ranges) stay in each schema.
 */
export const INPUT_LIMITS = {
  maxDepth: 16,
  maxArrayItems: 10_000,
  maxObjectKeys: 500,
  maxStringLength: 1_000_000,
} as const;

export type InputProblemReason =
  | 'nul_character'
  | 'unpaired_surrogate'
  | 'string_too_long'
  | 'too_many_items'
  | 'too_deep';

export interface InputProblem {
  path: string;
  reason: InputProblemReason;
  message: string;
}

const messages: Record<InputProblemReason, string> = {
  nul_character: 'Remove the NUL character (\\u0000); text may not contain it.',
  unpaired_surrogate: 'The text contains an unpaired UTF-16 surrogate; send valid Unicode text.',
  string_too_long: `Keep text under ${INPUT_LIMITS.maxStringLength} characters.`,
  too_many_items: `Send at most ${INPUT_LIMITS.maxArrayItems} items in one list.`,
  too_deep: `Nest objects and lists at most ${INPUT_LIMITS.maxDepth} levels deep.`,
};

function textProblem(text: string): InputProblemReason | null {
  if (text.length > INPUT_LIMITS.maxStringLength) return 'string_too_long';
  if (text.includes('\u0000')) return 'nul_character';
  if (!text.isWellFormed()) return 'unpaired_surrogate';
  return null;
}

/**
 * Every problem in a value (up to `max`), found without recursion so that no input can
 * overflow the stack. Object keys are checked like values.
 */
export function findInputProblems(value: unknown, max = 20): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (path: string, reason: InputProblemReason) =>
    problems.push({ path, reason, message: messages[reason] });
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < max) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) add(item.path, reason);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (item.depth >= INPUT_LIMITS.maxDepth) {
      add(item.path, 'too_deep');
      continue;
    }
    const join = (key: string | number) => (item.path ? `${item.path}.${key}` : String(key));
    if (Array.isArray(current)) {
      if (current.length > INPUT_LIMITS.maxArrayItems) {
        add(item.path, 'too_many_items');
        continue;
      }
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], path: join(i), depth: item.depth + 1 });
      }
      continue;
    }
    if (current instanceof Date || current instanceof Uint8Array || current instanceof Blob) continue;
    const keys = Object.keys(current);
    if (keys.length > INPUT_LIMITS.maxObjectKeys) {
      add(item.path, 'too_many_items');
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyReason = textProblem(key);
      if (keyReason) {
        add(join(JSON.stringify(key)), keyReason);
        continue;
      }
      stack.push({
        value: (current as Record<string, unknown>)[key],
        path: join(key),
        depth: item.depth + 1,
      });
    }
  }
  return problems;
}

/** Throws one `validation_failed` naming each field that holds what no field may hold. */
export function assertCleanInput(value: unknown): void {
  const problems = findInputProblems(value);
  if (problems.length === 0) return;
  throw new AppError('validation_failed', `${problems[0]!.path || 'The input'}: ${problems[0]!.message}`, {
    messageKey: `errors.input.${problems[0]!.reason}`,
    details: { fields: problems.map(({ path, reason, message }) => ({ path, reason, message })) },
  });
}
