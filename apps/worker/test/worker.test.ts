import { createSlackGateway } from '@outpost/bot';
import { type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import { type DatabaseConnection, outbox } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules, startWorker } from '../src/index.ts';
import { BOT_TOKEN, linkedStaff, notifyPartnerCreated, PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let fake: FakeSlackApi;

beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: BOT_TOKEN });
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});

async function scheduleRows() {
  const result = await conn.db.execute<{ name: string; cron: string; timezone: string }>(
    sql`select name, cron, timezone from pgboss.schedule order by name`,
  );
  // postgres.js returns the rows, PGlite a result object holding them.
  return Array.isArray(result)
    ? result
    : (result as unknown as { rows: { name: string; cron: string; timezone: string }[] }).rows;
}

describe('worker', () => {
  it('starts, registers every schedule, delivers the outbox promptly and stops cleanly', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Prompt' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id]);
    const slack = createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl });

    const worker = await startWorker({
      conn,
      slack,
      publicUrl: PUBLIC_URL,
      reviewersChannel: null,
      outboxPollMs: 100,
    });
    try {
      expect(await scheduleRows()).toEqual(
        schedules
          .map((s) => ({ name: s.name, cron: s.cron, timezone: s.tz }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
      // The in-process loop delivers within moments, not at the next cron minute.
      await fake.waitForCall((c) => c.method === 'chat.postMessage' && c.ok, 5_000);
    } finally {
      const started = Date.now();
      await worker.stop();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    const [row] = await conn.db.select().from(outbox).where(eq(outbox.notificationId, id!));
    expect(row!.status).toBe('sent');
    // The database is still ours to use (and to close) after the worker stopped.
    expect(await conn.db.$count(outbox)).toBeGreaterThan(0);
  });

  it('starts again on the same database, and without Slack touches no outbox row', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Waiting' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id]);
    const worker = await startWorker({
      conn,
      slack: null,
      publicUrl: PUBLIC_URL,
      reviewersChannel: null,
      outboxPollMs: 50,
    });
    await new Promise((r) => setTimeout(r, 300));
    await worker.stop();
    await worker.stop(); // idempotent
    const [row] = await conn.db.select().from(outbox).where(eq(outbox.notificationId, id!));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await scheduleRows()).map((r) => r.name)).toEqual(schedules.map((s) => s.name).sort());
  });
});
