import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogue, type MessageKey, translate } from '../src/index.ts';

/** The argument names a message uses, nested plural/select branches included. */
function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as {
      type: number;
      value?: unknown;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (typeof node.value === 'string' && node.type !== 0 /* literal */ && node.type !== 7 /* pound */) {
        names.add(node.value);
      }
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

describe('messages with counts', () => {
  it('choose the English plural form by the number', () => {
    expect(translate('en', 'partner-portal.team.count', { count: 1 })).toBe('1 member');
    expect(translate('en', 'partner-portal.team.count', { count: 3 })).toBe('3 members');
    expect(translate('en', 'performance.import.errorsTitle', { count: 1 })).toBe('1 problem found');
    expect(translate('en', 'performance.import.errorsTitle', { count: 2 })).toBe('2 problems found');
  });

  it('group large numbers in both languages', () => {
    expect(translate('en', 'performance.drill.count', { count: 12345 })).toBe('12,345 events');
    expect(translate('zh-CN', 'performance.drill.count', { count: 12345 })).toBe('共 12,345 条事件');
  });

  it('accept counts stored as text (notification parameters are JSON)', () => {
    expect(translate('en', 'staff.resultCount', { count: '1' })).toBe('1 partner');
  });

  it('still translate enum parameters inside plural messages', () => {
    expect(translate('en', 'scorecard.percentile', { percentile: 40, count: 2, category: 'claims' })).toMatch(
      /^Better than 40% of 2 partners in /,
    );
  });
});

describe('the catalogues', () => {
  const keys = Object.keys(catalogue('en')) as MessageKey[];

  it('hold only messages that parse as ICU MessageFormat', () => {
    const broken: string[] = [];
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const key of keys) {
        try {
          argumentNames(catalogue(locale)[key], locale);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  // Names of things are passed in both languages (`requirement` in Chinese, `requirementEn`), and each message uses its own.
  const sameArguments = (names: string[]) => names.map((n) => n.replace(/En$/, '')).join();
  it('use the same arguments in Chinese and English', () => {
    const differing = keys.filter(
      (key) =>
        sameArguments(argumentNames(catalogue('en')[key], 'en')) !==
        sameArguments(argumentNames(catalogue('zh-CN')[key], 'zh-CN')),
    );
    expect(differing).toEqual([]);
  });
});
