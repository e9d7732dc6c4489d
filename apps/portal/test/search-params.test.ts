import { describe, expect, it } from 'vitest';
import {
  flagParam,
  oneOfParam,
  pageInfo,
  pageParam,
  pickParams,
  queryParam,
  withParam,
} from '../app/lib/search-params';

const p = (query: string) => new URLSearchParams(query);

describe('list search params', () => {
  it('reads the search trimmed and cut to its limit', () => {
    expect(queryParam(p('q=%20acme%20'))).toBe('acme');
    expect(queryParam(p(''))).toBe('');
    expect(queryParam(p(`q=${'x'.repeat(300)}`))).toHaveLength(100);
    expect(queryParam(p(`q=${'x'.repeat(300)}`), 'q', 200)).toHaveLength(200);
  });

  it('reads a checkbox as on only for "1"', () => {
    expect(flagParam(p('overdue=1'), 'overdue')).toBe(true);
    expect(flagParam(p('overdue=on'), 'overdue')).toBe(false);
    expect(flagParam(p(''), 'overdue')).toBe(false);
  });

  it('keeps only a known value and drops a hand-edited one', () => {
    const levels = ['low', 'high'] as const;
    expect(oneOfParam(p('level=high'), 'level', levels)).toBe('high');
    expect(oneOfParam(p('level=HIGH'), 'level', levels)).toBeUndefined();
    expect(oneOfParam(p(''), 'level', levels)).toBeUndefined();
  });

  it('carries over only the named parameters, in URL order', () => {
    expect(pickParams(p('page=3&q=a&status=live&x=1'), ['status', 'q'])).toBe('q=a&status=live');
    expect(pickParams(p('page=3'), ['q'])).toBe('');
  });

  it('gives the page fields and links that keep the filters', () => {
    expect(pageInfo({ total: 41, page: 2 }, 20)).toEqual({ total: 41, page: 2, pages: 3 });
    expect(pageInfo({ total: 0, page: 1 }, 20)).toEqual({ total: 0, page: 1, pages: 1 });
    expect(withParam(p('q=a&page=2'), 'page', 3)).toBe('?q=a&page=3');
    expect(withParam(p('q=a&page=2'), 'page', 1)).toBe('?q=a');
    expect(pageParam(p('page=-1'))).toBe(1);
  });
});
