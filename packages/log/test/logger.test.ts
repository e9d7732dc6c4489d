import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, configureLogging, loggerFor, requestIdFrom, withRequestId } from '../src/index.ts';

let capture: ReturnType<typeof captureLogs> | undefined;
afterEach(() => {
  capture?.restore();
});

describe('logger', () => {
  it('writes JSON lines with level, time, component and the running request id', async () => {
    capture = captureLogs();
    const log = loggerFor('test');
    await withRequestId('req-1', async () => {
      await Promise.resolve();
      log.info({ count: 2 }, 'inside');
    });
    log.info('outside');
    const [inside, outside] = capture.lines();
    expect(inside).toMatchObject({
      level: 'info',
      component: 'test',
      requestId: 'req-1',
      count: 2,
      msg: 'inside',
    });
    expect(typeof inside!.time).toBe('string');
    expect(outside).not.toHaveProperty('requestId');
  });

  it('honours the level and censors secrets in logged objects', () => {
    capture = captureLogs();
    configureLogging({ level: 'warn' });
    const log = loggerFor('test');
    log.info('hidden');
    log.warn(
      { headers: { cookie: 'outpost_session=abc', authorization: 'Bearer opk_x' }, password: 'p' },
      'shown',
    );
    const lines = capture.lines();
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toMatch(/abc|opk_x|"p"/);
  });

  it('keeps a sane incoming request id and replaces any other', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id\nwith newline')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('x'.repeat(101))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
