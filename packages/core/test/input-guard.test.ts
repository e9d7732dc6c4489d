import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, assertCleanInput, findInputProblems, INPUT_LIMITS, parse } from '../src/index.ts';

describe('the input guard', () => {
  it('names each field holding a NUL or an unpaired surrogate, keys included', () => {
    const problems = findInputProblems({
      email: 'a\u0000b@example.test',
      reason: 'ok \ud800 broken',
      nested: { list: ['fine', 'tail \udc00'] },
      ['bad\u0000key']: 1,
    });
    expect(problems.map((p) => [p.path, p.reason])).toEqual(
      expect.arrayContaining([
        ['email', 'nul_character'],
        ['reason', 'unpaired_surrogate'],
        ['nested.list.1', 'unpaired_surrogate'],
        ['"bad\\u0000key"', 'nul_character'],
      ]),
    );
  });

  it('accepts well-formed text, emoji (paired surrogates) and Chinese', () => {
    expect(findInputProblems({ name: '华安保险代理 😀', note: 'line\nbreak\ttab' })).toEqual([]);
  });

  it('refuses huge lists and deep nesting without overflowing the stack', () => {
    const huge = new Array(200_000).fill(1);
    expect(findInputProblems({ events: huge })).toEqual([
      expect.objectContaining({ path: 'events', reason: 'too_many_items' }),
    ]);
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblems(deep)).toEqual([expect.objectContaining({ reason: 'too_deep' })]);
    expect(findInputProblems(new Array(INPUT_LIMITS.maxArrayItems).fill('a'))).toEqual([]);
  });

  it('is applied by parse() before the schema, as one validation_failed naming the field', () => {
    const schema = z.object({ reason: z.string().min(1) });
    let error: unknown;
    try {
      parse(schema, { reason: 'x\u0000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      messageKey: 'errors.input.nul_character',
      details: { fields: [expect.objectContaining({ path: 'reason', reason: 'nul_character' })] },
    });
    expect(() => assertCleanInput({ reason: 'fine' })).not.toThrow();
  });
});
