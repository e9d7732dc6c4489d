import { type DatabaseConnection, auditLog, contractExecutionRuns } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { PUBLIC_URL } from './fixtures.ts';

let conn: DatabaseConnection;
let context: JobContext;
beforeAll(async () => {
  conn = await createTestDatabase();
  context = { db: conn.db, slack: null, publicUrl: PUBLIC_URL, slackChannels: {} };
});
afterAll(() => conn.close());

const job = () => schedules.find((s) => s.name === 'contract-execution')!;

describe('contract-execution schedule', () => {
  it('runs on the first days of every month, China time, before the quarterly reviews are drafted', () => {
    expect(job()).toMatchObject({ cron: '0 1 1-7 * *', tz: 'Asia/Shanghai', retryLimit: 2 });
    const reviews = schedules.find((s) => s.name === 'reviews-draft')!;
    expect(reviews.cron.startsWith('30 1 ')).toBe(true);
  });

  it('evaluates the month (and after a quarter the quarter) just ended once, however often and on however many workers it runs', async () => {
    const firstDay = new Date('2026-09-30T17:00:00Z'); // 01:00 on 1 October in Shanghai
    const [a, b] = await Promise.all([job().handler(context, firstDay), job().handler(context, firstDay)]);
    const ran = [...(a as { period: string; ran: boolean }[]), ...(b as { period: string; ran: boolean }[])];
    expect(
      ran
        .filter((r) => r.ran)
        .map((r) => r.period)
        .sort(),
    ).toEqual(['2026-09', '2026-Q3']);
    expect(await job().handler(context, new Date('2026-10-06T17:00:00Z'))).toEqual([
      expect.objectContaining({ period: '2026-09', ran: false }),
      expect.objectContaining({ period: '2026-Q3', ran: false }),
    ]);
    expect(await job().handler(context, new Date('2026-10-31T17:00:00Z'))).toEqual([
      expect.objectContaining({ period: '2026-10', ran: true }),
    ]);
    const runs = await conn.db.select().from(contractExecutionRuns);
    expect(runs.map((r) => r.period).sort()).toEqual(['2026-09', '2026-10', '2026-Q3']);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'contract.execution_evaluated'));
    expect(audits).toHaveLength(3);
  });
});
