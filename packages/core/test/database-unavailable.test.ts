import { describe, expect, it } from 'vitest';
import { asAppError, isDatabaseUnavailable } from '../src/index.ts';

/**
 * A database that goes away under a request (a restart, a failover: decision record 054) is
 * answered 503 with when to retry, not 500 "our bug"; a real failure stays unmapped (a 500).
 */
describe('a lost database connection', () => {
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert into …'), { cause });

  it.each([
    [
      'the server shutting down (57P01)',
      { code: '57P01', message: 'terminating connection due to administrator command' },
    ],
    ['the server starting (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['a connection exception (08006)', { code: '08006', message: 'connection failure' }],
    [
      'postgres.js closing the connection',
      { code: 'CONNECTION_CLOSED', message: 'write CONNECTION_CLOSED 127.0.0.1:5432' },
    ],
    [
      'the server refusing connections',
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    ],
  ])('%s is 503 unavailable with Retry-After seconds, also inside drizzle’s wrapper', (_, raw) => {
    const error = wrapped(Object.assign(new Error(raw.message), raw));
    expect(isDatabaseUnavailable(error)).toBe(true);
    const appError = asAppError(error);
    expect(appError?.code).toBe('unavailable');
    expect(appError?.status).toBe(503);
    expect(appError?.details?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('leaves other failures alone: a bug stays a 500, a constraint stays the caller’s error', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(asAppError(new TypeError('x is undefined'))).toBeNull();
    const unique = wrapped(
      Object.assign(new Error('duplicate key'), { code: '23505', detail: 'Key (email)=(a) exists.' }),
    );
    expect(isDatabaseUnavailable(unique)).toBe(false);
    expect(asAppError(unique)?.code).toBe('conflict');
  });
});
