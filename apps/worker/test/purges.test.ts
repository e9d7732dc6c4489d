import { type DatabaseConnection, loginThrottle, sessions, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import { purgeLoginThrottle } from '../src/jobs/login-throttle-purge.ts';
import { purgeIdleSessions, sessionInactivityMs } from '../src/jobs/sessions-purge.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const ago = (ms: number) => new Date(Date.now() - ms);
const DAY = 24 * 3600 * 1000;

describe('scheduled purges', () => {
  it('registers each job once, with a description', () => {
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
    expect(schedules.map((s) => s.name)).toEqual(
      expect.arrayContaining(['outbox-deliver', 'sessions-purge', 'login-throttle-purge', 'document-expiry']),
    );
    for (const s of schedules) expect(s.description.length).toBeGreaterThan(10);
  });

  it('deletes sessions idle past the inactivity limit and keeps the rest', async () => {
    const [user] = await conn.db
      .insert(users)
      .values({ kind: 'staff', email: 'sessions@insurer.test', displayName: 'S' })
      .returning();
    const secretHash = new Uint8Array(32);
    await conn.db.insert(sessions).values([
      { id: 'fresh', secretHash, userId: user!.id, lastVerifiedAt: ago(DAY) },
      { id: 'edge', secretHash, userId: user!.id, lastVerifiedAt: ago(sessionInactivityMs() - 60_000) },
      { id: 'idle', secretHash, userId: user!.id, lastVerifiedAt: ago(sessionInactivityMs() + 60_000) },
    ]);
    expect(
      await purgeIdleSessions({ db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} }),
    ).toEqual({
      deleted: 1,
    });
    expect((await conn.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id).sort()).toEqual([
      'edge',
      'fresh',
    ]);
  });

  it('deletes throttle rows that no longer count or lock', async () => {
    await conn.db.insert(loginThrottle).values([
      { key: 'account:recent', failures: 3, windowStartedAt: ago(60_000) },
      { key: 'account:stale', failures: 4, windowStartedAt: ago(2 * DAY) },
      {
        key: 'ip:stale-but-locked',
        failures: 40,
        windowStartedAt: ago(2 * DAY),
        lockedUntil: new Date(Date.now() + 60_000),
      },
      { key: 'ip:stale-lock-over', failures: 40, windowStartedAt: ago(2 * DAY), lockedUntil: ago(DAY) },
    ]);
    expect(
      await purgeLoginThrottle({ db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} }),
    ).toEqual({
      deleted: 2,
    });
    expect(
      (await conn.db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key).sort(),
    ).toEqual(['account:recent', 'ip:stale-but-locked']);
  });
});
